import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { escalationPolicyStream } from '@kesu/assignment-contracts';
import { DEFAULT_ESCALATION_POLICY, escalationSettingsDecider } from '@kesu/assignment-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, causationIdOf, CLOCK, EVENT_STORE, eventsOfEarlierRequest } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { ESCALATION_EVENTS } from '../escalation-events';
import { EscalationPolicies, type EscalationSettings } from './escalation-policies';
import type { PutEscalationPolicyDto } from './escalation-policy.dto';

/** The answer to a change: the settings after it, and whether it repeats an earlier request. */
export interface EscalationSettingsOutcome {
  readonly settings: EscalationSettings;
  readonly replayed: boolean;
}

/** Replace the tenant's escalation policy as a whole, saying why (an administrator's change). */
export class ChangeEscalationPolicyCommand extends Command<EscalationSettingsOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: PutEscalationPolicyDto,
  ) {
    super();
  }
}

/**
 * Records the change on the tenant's policy stream through the policy decider (each malformed field
 * named, 400): at the If-Match revision when given (412 when stale), a repeated Idempotency-Key
 * answered from what the first request recorded, the policy in force again recording nothing.
 */
@CommandHandler(ChangeEscalationPolicyCommand)
export class ChangeEscalationPolicyHandler implements ICommandHandler<ChangeEscalationPolicyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: EscalationPolicies,
  ) {}

  async execute({ caller, body }: ChangeEscalationPolicyCommand): Promise<EscalationSettingsOutcome> {
    const { principal } = caller;
    const { tenantId } = principal;
    const streamId = escalationPolicyStream(tenantId);
    const causationId = causationIdOf(caller, 'ChangeEscalationPolicy', body);
    const earlier = eventsOfEarlierRequest(await this.store.readStream(streamId), causationId);
    if (earlier.length > 0) return { settings: this.policies.fromRecorded(earlier.at(-1)!), replayed: true };
    const { reason, ...policy } = body;
    const at = this.clock.now().toISOString();
    const handled = await handleCommand(
      this.store,
      this.registry,
      escalationSettingsDecider,
      streamId,
      {
        type: 'ChangeEscalationPolicy',
        tenantId,
        policy,
        reason,
        defaults: DEFAULT_ESCALATION_POLICY,
        by: principal.userId,
        at,
      },
      {
        occurredAt: at,
        tenantId,
        branchId: principal.branchScope[0] ?? tenantId,
        correlationId: streamId.slice(streamId.indexOf('-') + 1),
        causationId,
        actor: { kind: 'user', id: principal.userId, roles: principal.roles },
      },
      caller.expectedRevision === undefined ? {} : { expectedRevision: caller.expectedRevision },
    );
    const last = handled.events.at(-1);
    const settings = last ? this.policies.fromRecorded(last) : await this.policies.settingsOf(tenantId);
    this.policies.changed(tenantId, settings);
    return { settings, replayed: handled.replayed };
  }
}
