import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { ChangeIntakePolicyCommand } from './change-intake-policy';
import { GetIntakeSettingsQuery } from './get-intake-settings';
import type { IntakeSettings } from './intake-policies';
import { PutIntakeSettingsDto } from './intake-settings.dto';

/** Who may read the tenant's intake policy: the administrators who change it, and those who answer for intake. */
export const SETTINGS_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/**
 * A tenant's intake policy (scope list, acknowledgement target, contact, duplicate window and
 * threshold, time zone): read by administrators and managers, changed by administrators, every
 * change an IntakePolicyChanged with who and why on `intake-settings-<tenant>`.
 */
@Controller('api/v1/intake/settings')
export class IntakeSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...SETTINGS_READERS)
  read(@CurrentPrincipal() principal: Principal): Promise<IntakeSettings> {
    return this.queries.execute(new GetIntakeSettingsQuery(principal.tenantId));
  }

  /** Replaces the policy as a whole; `If-Match` the revision it was read at (412 when stale). */
  @Put()
  @Roles(Role.admin)
  async change(
    @Body() body: PutIntakeSettingsDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<IntakeSettings> {
    const { settings, replayed } = await this.commands.execute(new ChangeIntakePolicyCommand(caller, body));
    markReplayed(reply, replayed);
    return settings;
  }
}
