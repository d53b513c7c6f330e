import { Body, Controller, Get, Param, ParseIntPipe, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { chinaOfficialYear, CHINA_OFFICIAL_YEARS } from '@kesu/calendar';
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
import type { SlaCalendarYear, SlaPack, SlaPolicy } from '@kesu/sla-contracts';
import { BUILT_IN_PACKS } from '@kesu/sla-domain';
import { ChangeSlaSettingsCommand } from './change-sla-settings';
import { SlaPolicies, type SlaSettings } from './sla-policies';
import { PutSlaCalendarDto, PutSlaPolicyDto } from './sla-policy.dto';

/** Who may read the tenant's SLA policy: the administrators who change it, and those who answer for the time limits. */
export const SLA_POLICY_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/** A year's calendar as the tenant's deadlines use it: loaded, shipped, or assumed (flagged). */
export interface SlaCalendarAnswer extends SlaCalendarYear {
  /** `loaded`: the tenant's admin loaded the notice; `shipped`: Kesu's data; `fallback`: weekends and fixed-date holidays. */
  readonly origin: 'loaded' | 'shipped' | 'fallback';
}

/**
 * A tenant's SLA settings: the policy (packs per branch and category, overrides, threshold,
 * calendar) and the official calendars per year, read by administrators and managers, changed by
 * administrators (If-Match, Idempotency-Key), every change an event on `sla-settings-<tenant>`.
 */
@Controller('api/v1/sla')
export class SlaPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly policies: SlaPolicies,
  ) {}

  @Get('policy')
  @Roles(...SLA_POLICY_READERS)
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<SlaSettings & { packs: readonly SlaPack[] }> {
    const settings = await this.policies.settingsOf(principal.tenantId);
    answerRevision(reply, settings.revision);
    return { ...settings, packs: Object.values(BUILT_IN_PACKS) };
  }

  /** Replaces the policy as a whole; `If-Match` the revision it was read at (412 when stale). */
  @Put('policy')
  @Roles(Role.admin)
  async change(
    @Body() body: PutSlaPolicyDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<SlaSettings> {
    const { defaultPackId, selections, overrides, warningThreshold, calendar } = body;
    const policy = {
      defaultPackId,
      selections,
      overrides,
      ...(warningThreshold !== undefined && { warningThreshold }),
      ...(calendar !== undefined && { calendar }),
    } as SlaPolicy;
    const { settings, replayed } = await this.commands.execute(
      new ChangeSlaSettingsCommand(caller, { policy }),
    );
    return this.answer(settings, replayed, reply);
  }

  @Get('calendars/:year')
  @Roles(...SLA_POLICY_READERS)
  async calendar(
    @Param('year', ParseIntPipe) year: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SlaCalendarAnswer> {
    const { years } = await this.policies.settingsOf(principal.tenantId);
    const loaded = years[String(year)];
    if (loaded) return { ...loaded, origin: 'loaded' };
    if ((CHINA_OFFICIAL_YEARS as readonly number[]).includes(year))
      return { ...chinaOfficialYear(year), origin: 'shipped' };
    return {
      year,
      holidays: [],
      workdays: [],
      source: 'weekends and fixed-date holidays assumed',
      origin: 'fallback',
    };
  }

  /** Loads a year's official holidays and make-up working days (调休) as data: no release needed. */
  @Put('calendars/:year')
  @Roles(Role.admin)
  async load(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: PutSlaCalendarDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<SlaSettings> {
    const calendar = { year, holidays: body.holidays, workdays: body.workdays, source: body.source };
    const { settings, replayed } = await this.commands.execute(
      new ChangeSlaSettingsCommand(caller, { calendar }),
    );
    return this.answer(settings, replayed, reply);
  }

  private answer(settings: SlaSettings, replayed: boolean, reply: HeaderReply): SlaSettings {
    markReplayed(reply, replayed);
    answerRevision(reply, settings.revision);
    return settings;
  }
}
