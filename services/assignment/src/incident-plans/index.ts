import { DeclareIncidentPlanHandler } from './declare-incident-plan';
import { FollowIncidentHandler } from './follow-incident';
import { GetIncidentPlanHandler } from './get-incident-plan';
import { IncidentPlanActions } from './incident-plan-actions';
import { IncidentPlanWorker } from './incident-plan.worker';
import { IncidentPlansController } from './incident-plans.controller';
import { ListIncidentPlansHandler } from './list-incident-plans';
import { OpenPlanForIncidentHandler } from './open-plan-for-incident';
import { PlanContext } from './plan-context';
import { ClosePlanHandler, CompletePlanStepHandler, ReportPlanStatusHandler } from './plan-work';
import { ResolvePlanMemberHandler } from './resolve-plan-member';

/** The plans' HTTP routes. */
export const incidentPlanControllers = [IncidentPlansController];

/** The plans' services, command and query handlers, consumer and projections (they need escalation's). */
export const incidentPlanProviders = [
  PlanContext,
  IncidentPlanActions,
  DeclareIncidentPlanHandler,
  GetIncidentPlanHandler,
  ListIncidentPlansHandler,
  CompletePlanStepHandler,
  ReportPlanStatusHandler,
  ClosePlanHandler,
  OpenPlanForIncidentHandler,
  FollowIncidentHandler,
  ResolvePlanMemberHandler,
  IncidentPlanWorker,
];
