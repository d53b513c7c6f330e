import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IntakeSettingsEvent, intakeSettingsStream } from '@kesu/intake-contracts';
import { type ChangeIntakePolicy, type IntakePolicyChange, intakeSettingsDecider } from '@kesu/intake-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
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
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly policies: IntakePolicies,
  ) {}

  async execute({ caller, body }: ChangeIntakePolicyCommand): Promise<IntakeSettingsOutcome> {
    const { tenantId } = caller.principal;
    const { reason, ...policy } = body;
    const handled = await this.commands.changeTenantSettings({
      caller,
      streamId: intakeSettingsStream(tenantId),
      decider: intakeSettingsDecider,
      registry: this.registry,
      action: 'ChangeIntakePolicy',
      input: body,
      command: (at: string): ChangeIntakePolicy => ({
        type: 'ChangeIntakePolicy',
        tenantId,
        policy: policyOf(policy),
        reason,
        defaults: this.policies.defaultPolicy(),
        by: caller.principal.userId,
        at,
      }),
    });
    const last = handled.events.at(-1);
    const settings = last ? this.settingsAt(last) : await this.policies.settingsOf(tenantId);
    if (!handled.replayed) this.policies.changed(tenantId, settings);
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
