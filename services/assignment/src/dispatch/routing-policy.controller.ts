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
import { ChangeRoutingPolicyCommand } from './change-routing-policy';
import { DryRunRoutingQuery, type RoutingDryRun } from './dry-run-routing';
import { GetRoutingPolicyQuery } from './get-routing-policy';
import type { RoutingSettings } from './routing-policies';
import { DryRunRoutingDto, PutRoutingPolicyDto } from './routing-policy.dto';

/** Who may read the tenant's dispatch policy and try it out: its administrators and those who answer for dispatch. */
export const ROUTING_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/** The settings as the body, the stream's revision as the ETag (none before the first change). */
function withRevision(reply: HeaderReply, settings: RoutingSettings): RoutingSettings {
  answerRevision(reply, settings.revision);
  return settings;
}

/**
 * A tenant's dispatch policy (routing rules, workload weights, transfer limit, level holders): read
 * by administrators and managers, changed by administrators who say why — every change a
 * RoutingPolicyChanged on `assignment-routing-<tenant>`, a PUT with a stale If-Match refused (412) —
 * and tried on a complaint with a dry run that records nothing.
 */
@Controller('api/v1/assignments/routing')
export class RoutingPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...ROUTING_READERS)
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RoutingSettings> {
    return withRevision(reply, await this.queries.execute(new GetRoutingPolicyQuery(principal.tenantId)));
  }

  @Put()
  @Roles(Role.admin)
  async change(
    @Body() body: PutRoutingPolicyDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RoutingSettings> {
    const { settings, replayed } = await this.commands.execute(new ChangeRoutingPolicyCommand(caller, body));
    markReplayed(reply, replayed);
    return withRevision(reply, settings);
  }

  @Post('dry-run')
  @HttpCode(200)
  @Roles(...ROUTING_READERS)
  dryRun(@Body() body: DryRunRoutingDto, @CurrentPrincipal() principal: Principal): Promise<RoutingDryRun> {
    return this.queries.execute(new DryRunRoutingQuery(principal, body));
  }
}
