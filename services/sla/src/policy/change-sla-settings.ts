import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { type SlaCalendarYear, type SlaPolicy, slaSettingsStream } from '@kesu/sla-contracts';
import { slaSettingsDecider } from '@kesu/sla-domain';
import { SLA_EVENTS } from '../sla-events';
import { SlaPolicies, type SlaSettings } from './sla-policies';

/** The answer to a change: the settings after it, and whether it repeats an earlier request. */
export interface SlaSettingsOutcome {
  readonly settings: SlaSettings;
  readonly replayed: boolean;
}

/** Replace the tenant's SLA policy as a whole, or load one year's official calendar (an administrator's change). */
export class ChangeSlaSettingsCommand extends Command<SlaSettingsOutcome> {
  constructor(
    readonly caller: Caller,
    readonly change: { readonly policy: SlaPolicy } | { readonly calendar: SlaCalendarYear },
  ) {
    super();
  }
}

/**
 * Records the change on `sla-settings-<tenant>` through the settings decider (each bad field
 * named, 400): at the If-Match revision when given (412 when stale), a repeated Idempotency-Key
 * answered from what the first request recorded, the settings in force again recording nothing.
 */
@CommandHandler(ChangeSlaSettingsCommand)
export class ChangeSlaSettingsHandler implements ICommandHandler<ChangeSlaSettingsCommand> {
  constructor(
    @Inject(SLA_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly policies: SlaPolicies,
  ) {}

  async execute({ caller, change }: ChangeSlaSettingsCommand): Promise<SlaSettingsOutcome> {
    const { tenantId, userId } = caller.principal;
    const handled = await this.commands.changeTenantSettings({
      caller,
      streamId: slaSettingsStream(tenantId),
      decider: slaSettingsDecider,
      registry: this.registry,
      action: 'policy' in change ? 'ChangeSlaPolicy' : 'LoadSlaCalendar',
      input: change,
      command: (at) =>
        'policy' in change
          ? { type: 'ChangeSlaPolicy' as const, tenantId, policy: change.policy, by: userId, at }
          : { type: 'LoadCalendarYear' as const, tenantId, calendar: change.calendar, by: userId, at },
    });
    this.policies.forget(tenantId);
    return { settings: await this.policies.settingsOf(tenantId), replayed: handled.replayed };
  }
}
