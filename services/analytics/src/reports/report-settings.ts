import { Inject, Injectable } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { analyticsSettingsStream, type ReportSettingsChanged } from '@kesu/analytics-contracts';
import { type ReportSettings, reportSettingsDecider } from '@kesu/analytics-domain';
import { type EventTypeRegistry, fold } from '@kesu/kernel';
import { type Caller, EVENT_STORE, IsText, UserCommands } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { IsInt, Max, Min } from 'class-validator';
import { ANALYTICS_EVENTS } from '../analytics-events';

/** The tenant's report settings as read, with the revision to send as If-Match. */
export interface ReportSettingsAnswer extends ReportSettings {
  readonly revision: number;
}

/** Body of `PUT /api/v1/analytics/settings`. */
export class PutReportSettingsDto {
  /** The day of the month (1–28) from which the reports of the periods just ended are generated. */
  @IsInt()
  @Min(1)
  @Max(28)
  reportDay!: number;

  /** Why the settings change (kept with the event). */
  @IsText(1, 500)
  reason!: string;
}

/** The tenant's report settings, from its `analytics-settings-<tenant>` stream (defaults before any change). */
@Injectable()
export class ReportSettingsStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async of(tenantId: string): Promise<ReportSettingsAnswer> {
    const events = await this.store.readStream(analyticsSettingsStream(tenantId));
    const settings = fold(
      reportSettingsDecider,
      events.map((event) => this.registry.toDomain<ReportSettingsChanged>(event)),
    );
    return { ...settings, revision: events.length - 1 };
  }
}

/** Read the tenant's report settings. */
export class GetReportSettingsQuery extends Query<ReportSettingsAnswer> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetReportSettingsQuery)
export class GetReportSettingsHandler implements IQueryHandler<GetReportSettingsQuery> {
  constructor(private readonly settings: ReportSettingsStore) {}

  execute({ tenantId }: GetReportSettingsQuery): Promise<ReportSettingsAnswer> {
    return this.settings.of(tenantId);
  }
}

/** An administrator changes the tenant's report day, saying why (If-Match, Idempotency-Key). */
export class ChangeReportSettingsCommand extends Command<ReportSettingsAnswer> {
  constructor(
    readonly caller: Caller,
    readonly body: PutReportSettingsDto,
  ) {
    super();
  }
}

@CommandHandler(ChangeReportSettingsCommand)
export class ChangeReportSettingsHandler implements ICommandHandler<ChangeReportSettingsCommand> {
  constructor(
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
  ) {}

  async execute({ caller, body }: ChangeReportSettingsCommand): Promise<ReportSettingsAnswer> {
    const result = await this.commands.changeTenantSettings({
      caller,
      streamId: analyticsSettingsStream(caller.principal.tenantId),
      decider: reportSettingsDecider,
      registry: this.registry,
      action: 'ChangeReportSettings',
      input: body,
      command: (at: string) => ({
        type: 'ChangeReportSettings' as const,
        reportDay: body.reportDay,
        reason: body.reason,
        at,
      }),
    });
    return { ...result.state, revision: result.revision };
  }
}
