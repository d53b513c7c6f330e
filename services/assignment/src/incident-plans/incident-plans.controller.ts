import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerCommand,
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { DeclareIncidentPlanCommand } from './declare-incident-plan';
import { GetIncidentPlanQuery } from './get-incident-plan';
import {
  ClosePlanDto,
  CompleteStepDto,
  DeclarePlanDto,
  PLAN_DECLARERS,
  PLAN_READERS,
  PLAN_WORKERS,
  PlanListQuery,
  ReportStatusDto,
} from './incident-plans.dto';
import { type IncidentPlanPage, ListIncidentPlansQuery } from './list-incident-plans';
import { ClosePlanCommand, CompletePlanStepCommand, ReportPlanStatusCommand } from './plan-work';
import type { IncidentPlanView, PlanActionResult } from './plan-view';

/**
 * Collective-incident plans (三级预警预案): declared by a supervisor or opened for a detected
 * incident; read, worked through (steps, status reports) and closed. Actions answer
 * `202 { planId, status, level, revision }`; If-Match names the plan stream's revision (412).
 */
@Controller('api/v1/incident-plans')
export class IncidentPlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...PLAN_DECLARERS)
  async declare(
    @Body() body: DeclarePlanDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<IncidentPlanView> {
    const { plan, replayed } = await this.commands.execute(new DeclareIncidentPlanCommand(caller, body));
    markReplayed(reply, replayed);
    reply.header('Location', `/api/v1/incident-plans/${plan.planId}`);
    answerRevision(reply, plan.revision);
    return plan;
  }

  @Get()
  @Roles(...PLAN_READERS)
  list(@Query() query: PlanListQuery, @CurrentPrincipal() principal: Principal): Promise<IncidentPlanPage> {
    return this.queries.execute(new ListIncidentPlansQuery(principal, query));
  }

  @Get(':planId')
  @Roles(...PLAN_READERS)
  async read(
    @Param('planId', uuidParam('planId')) planId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<IncidentPlanView> {
    const plan = await this.queries.execute(new GetIncidentPlanQuery(principal, planId));
    answerRevision(reply, plan.revision);
    return plan;
  }

  @Post(':planId/steps/:stepId/done')
  @HttpCode(202)
  @Roles(...PLAN_WORKERS)
  completeStep(
    @Param('planId', uuidParam('planId')) planId: string,
    @Param('stepId') stepId: string,
    @Body() body: CompleteStepDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<PlanActionResult> {
    return answerCommand(
      reply,
      this.commands.execute(new CompletePlanStepCommand(caller, planId, stepId, body)),
    );
  }

  @Post(':planId/status-reports')
  @HttpCode(202)
  @Roles(...PLAN_WORKERS)
  report(
    @Param('planId', uuidParam('planId')) planId: string,
    @Body() body: ReportStatusDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<PlanActionResult> {
    return answerCommand(reply, this.commands.execute(new ReportPlanStatusCommand(caller, planId, body)));
  }

  /** Its coordinator closes it with a note (a director or administrator may too; 403 for others). */
  @Post(':planId/close')
  @HttpCode(202)
  @Roles(...PLAN_WORKERS)
  close(
    @Param('planId', uuidParam('planId')) planId: string,
    @Body() body: ClosePlanDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<PlanActionResult> {
    return answerCommand(reply, this.commands.execute(new ClosePlanCommand(caller, planId, body)));
  }
}
