import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { escalationPolicyStream } from '@kesu/assignment-contracts';
import { DEFAULT_ESCALATION_POLICY, escalationSettingsDecider } from '@kesu/assignment-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
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
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly policies: EscalationPolicies,
  ) {}

  async execute({ caller, body }: ChangeEscalationPolicyCommand): Promise<EscalationSettingsOutcome> {
    const { tenantId } = caller.principal;
    const { reason, ...policy } = body;
    const handled = await this.commands.changeTenantSettings({
      caller,
      streamId: escalationPolicyStream(tenantId),
      decider: escalationSettingsDecider,
      registry: this.registry,
      action: 'ChangeEscalationPolicy',
      input: body,
      command: (at) => ({
        type: 'ChangeEscalationPolicy' as const,
        tenantId,
        policy,
        reason,
        defaults: DEFAULT_ESCALATION_POLICY,
        by: caller.principal.userId,
        at,
      }),
    });
    const last = handled.events.at(-1);
    const settings = last ? this.policies.fromRecorded(last) : await this.policies.settingsOf(tenantId);
    if (!handled.replayed) this.policies.changed(tenantId, settings);
    return { settings, replayed: handled.replayed };
  }
}
