import type { IncidentPlanEvent, IncidentPlanLevel, PlanClosure } from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';

/** A plan as its list shows it: bounded, whatever its number of complaints. */
export interface IncidentPlanSummary {
  readonly planId: string;
  readonly tenantId: string;
  readonly unitId: string;
  readonly status: 'open' | 'closed';
  readonly level: IncidentPlanLevel;
  readonly origin: 'detected' | 'declared';
  readonly incidentId: string | null;
  readonly coordinatorId: string | null;
  readonly complaintCount: number;
  readonly complainantCount: number;
  /** Member complaints whose matter ended. */
  readonly resolvedCount: number;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  readonly statusReports: number;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly closure: PlanClosure | null;
}

/**
 * Folds one event of a plan's stream into its summary (`tenantId`: the envelope's, given with the
 * opening). Pure, so the live projection and a rebuild produce the same.
 */
export function evolvePlanSummary(
  summary: IncidentPlanSummary | null,
  event: IncidentPlanEvent,
  tenantId: string,
): IncidentPlanSummary | null {
  if (event.type === 'IncidentPlanOpened') {
    const { planId, unitId, level, origin, incidentId, coordinatorId, complaintIds, complainantCount } =
      event.data;
    return {
      planId,
      tenantId,
      unitId,
      status: 'open',
      level,
      origin,
      incidentId,
      coordinatorId,
      complaintCount: complaintIds.length,
      complainantCount,
      resolvedCount: 0,
      stepsDone: 0,
      stepsTotal: event.data.steps.length,
      statusReports: 0,
      openedAt: event.data.openedAt,
      closedAt: null,
      closure: null,
    };
  }
  if (!summary) return null;
  switch (event.type) {
    case 'ComplaintAddedToIncidentPlan':
      return {
        ...summary,
        complaintCount: event.data.complaintCount,
        complainantCount: event.data.complainantCount,
      };
    case 'ComplaintRemovedFromIncidentPlan':
      return { ...summary, complaintCount: event.data.complaintCount };
    case 'IncidentPlanLevelRaised':
      return { ...summary, level: event.data.to, complainantCount: event.data.complainantCount };
    case 'IncidentPlanStepCompleted':
      return { ...summary, stepsDone: Math.min(summary.stepsDone + 1, summary.stepsTotal) };
    case 'IncidentPlanStatusReported':
      return { ...summary, statusReports: event.data.reportNo };
    case 'IncidentPlanMemberResolved':
      return { ...summary, resolvedCount: summary.resolvedCount + 1 };
    case 'IncidentPlanClosed':
      return { ...summary, status: 'closed', closedAt: event.data.closedAt, closure: event.data.closure };
    case 'IncidentPlanNotificationRequested':
      return summary;
    default:
      return assertNever(event);
  }
}
