import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IntakeSettingsEvent, intakeSettingsStream } from '@kesu/intake-contracts';
import { type ChangeIntakePolicy, type IntakePolicyChange, intakeSettingsDecider } from '@kesu/intake-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Caller, causationIdOf, CLOCK, EVENT_STORE, eventsOfEarlierRequest } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { type IntakeSettings, IntakePolicies, settingsAfter } from './intake-policies';
import type { PutIntakeSettingsDto } from './intake-settings.dto';

/** The answer to a change: the settings after it, and whether it repeats an earlier request. */
export interface IntakeSettingsOutcome {
  readonly settings: IntakeSettings;
  readonly replayed: boolean;
}

/** Replace the tenant's intake policy as a whole, saying why (an administrator's change). */
export class ChangeIntakePolicyCommand extends Command<IntakeSettingsOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: PutIntakeSettingsDto,
  ) {
    super();
  }
}

/**
 * Records the change on the tenant's settings stream through the intake policy decider: at the
 * If-Match revision when given (412 when the stream moved on), a repeated Idempotency-Key answered
 * from what the first request recorded, the policy in force again recording nothing. This process
 * applies the new policy from its next command.
 */
@CommandHandler(ChangeIntakePolicyCommand)
export class ChangeIntakePolicyHandler implements ICommandHandler<ChangeIntakePolicyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: IntakePolicies,
  ) {}

  async execute({ caller, body }: ChangeIntakePolicyCommand): Promise<IntakeSettingsOutcome> {
    const { principal } = caller;
    const { tenantId } = principal;
    const streamId = intakeSettingsStream(tenantId);
    const causationId = causationIdOf(caller, 'ChangeIntakePolicy', body);
    const earlier = eventsOfEarlierRequest(await this.store.readStream(streamId), causationId);
    if (earlier.length > 0) return { settings: this.settingsAt(earlier.at(-1)!), replayed: true };
    const { reason, ...policy } = body;
    const at = this.clock.now().toISOString();
    const command: ChangeIntakePolicy = {
      type: 'ChangeIntakePolicy',
      tenantId,
      policy: policyOf(policy),
      reason,
      defaults: this.policies.defaultPolicy(),
      by: principal.userId,
      at,
    };
    const handled = await handleCommand(
      this.store,
      this.registry,
      intakeSettingsDecider,
      streamId,
      command,
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
    const settings = last ? this.settingsAt(last) : await this.policies.settingsOf(tenantId);
    this.policies.changed(tenantId, settings);
    return { settings, replayed: handled.replayed };
  }

  private settingsAt(recorded: RecordedEvent): IntakeSettings {
    return settingsAfter(this.registry.toDomain<IntakeSettingsEvent>(recorded), recorded.revision);
  }
}

/** The policy as the decider takes it: plain data, without the DTO classes or absent fields. */
function policyOf(body: Omit<PutIntakeSettingsDto, 'reason'>): IntakePolicyChange {
  const { scope, contact } = body;
  return {
    scope: {
      ...(scope.subjectTypes !== undefined && { subjectTypes: [...scope.subjectTypes] }),
      outOfScopeTerms: [...scope.outOfScopeTerms],
    },
    acknowledgeWithinHours: body.acknowledgeWithinHours,
    contact: { zh: contact.zh, en: contact.en },
    duplicateWindowDays: body.duplicateWindowDays,
    similarityThreshold: body.similarityThreshold,
    timeZone: body.timeZone,
    ...(body.personalDataRetentionDays !== undefined && {
      personalDataRetentionDays: body.personalDataRetentionDays,
    }),
    ...(body.personalMentions !== undefined && { personalMentions: [...new Set(body.personalMentions)] }),
  };
}
