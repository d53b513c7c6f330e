import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Role, type Caller } from '@kesu/platform';
import { IncidentPlanActions, type PlanActionOutcome } from './incident-plan-actions';
import type { ClosePlanDto, CompleteStepDto, ReportStatusDto } from './incident-plans.dto';

/** Who may close any plan, not only one they coordinate. */
const OVERRIDING_ROLES: readonly string[] = [Role.director, Role.admin];

/** Mark a step of a plan's checklist done, with a note. */
export class CompletePlanStepCommand extends Command<PlanActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly planId: string,
    readonly stepId: string,
    readonly body: CompleteStepDto,
  ) {
    super();
  }
}

@CommandHandler(CompletePlanStepCommand)
export class CompletePlanStepHandler implements ICommandHandler<CompletePlanStepCommand> {
  constructor(private readonly actions: IncidentPlanActions) {}

  execute({ caller, planId, stepId, body }: CompletePlanStepCommand): Promise<PlanActionOutcome> {
    const by = caller.principal.userId;
    return this.actions.run(caller, planId, 'CompletePlanStep', { stepId, ...body }, (at) => ({
      type: 'CompletePlanStep',
      stepId,
      note: body.note,
      by,
      at,
    }));
  }
}

/** Report how the plan stands (to the emergency office). */
export class ReportPlanStatusCommand extends Command<PlanActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly planId: string,
    readonly body: ReportStatusDto,
  ) {
    super();
  }
}

@CommandHandler(ReportPlanStatusCommand)
export class ReportPlanStatusHandler implements ICommandHandler<ReportPlanStatusCommand> {
  constructor(private readonly actions: IncidentPlanActions) {}

  execute({ caller, planId, body }: ReportPlanStatusCommand): Promise<PlanActionOutcome> {
    const by = caller.principal.userId;
    return this.actions.run(caller, planId, 'ReportPlanStatus', body, (at) => ({
      type: 'ReportPlanStatus',
      text: body.text,
      by,
      at,
    }));
  }
}

/** Close a plan with a note: its coordinator, or a director or administrator. */
export class ClosePlanCommand extends Command<PlanActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly planId: string,
    readonly body: ClosePlanDto,
  ) {
    super();
  }
}

@CommandHandler(ClosePlanCommand)
export class ClosePlanHandler implements ICommandHandler<ClosePlanCommand> {
  constructor(private readonly actions: IncidentPlanActions) {}

  execute({ caller, planId, body }: ClosePlanCommand): Promise<PlanActionOutcome> {
    const { userId, roles } = caller.principal;
    const overrides = roles.some((role) => OVERRIDING_ROLES.includes(role));
    return this.actions.run(caller, planId, 'ClosePlan', body, (at) => ({
      type: 'ClosePlan',
      note: body.note,
      overrides,
      by: userId,
      at,
    }));
  }
}
