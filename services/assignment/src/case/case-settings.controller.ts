import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { ChangeCaseSettingsCommand } from './change-case-settings';
import type { CaseSettingsView } from './case-settings';
import { DryRunCaseSettingsDto, PutCaseSettingsDto } from './case-settings.dto';
import { type CaseSettingsDryRun, DryRunCaseSettingsQuery } from './dry-run-case-settings';
import { GetCaseSettingsQuery } from './get-case-settings';

/** Who may read the tenant's case settings and try them: its administrators and those who approve. */
export const CASE_SETTINGS_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/** The settings as the body, the stream's revision as the ETag (none before the first change). */
function withRevision(reply: HeaderReply, view: CaseSettingsView): CaseSettingsView {
  answerRevision(reply, view.revision);
  return view;
}

/**
 * A tenant's case settings (currency, authority limits per tier and remedy type, root causes): read
 * by administrators and managers, changed by administrators who say why — every change a
 * CaseSettingsChanged on `assignment-casesettings-<tenant>`, a PUT with a stale If-Match refused
 * (412) — and tried on remedies with a dry run that records nothing.
 */
@Controller('api/v1/assignments/case-settings')
export class CaseSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...CASE_SETTINGS_READERS)
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CaseSettingsView> {
    return withRevision(reply, await this.queries.execute(new GetCaseSettingsQuery(principal.tenantId)));
  }

  @Put()
  @Roles(Role.admin)
  async change(
    @Body() body: PutCaseSettingsDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CaseSettingsView> {
    const { view, replayed } = await this.commands.execute(new ChangeCaseSettingsCommand(caller, body));
    markReplayed(reply, replayed);
    return withRevision(reply, view);
  }

  @Post('dry-run')
  @HttpCode(200)
  @Roles(...CASE_SETTINGS_READERS)
  dryRun(
    @Body() body: DryRunCaseSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseSettingsDryRun> {
    return this.queries.execute(new DryRunCaseSettingsQuery(principal, body));
  }
}
