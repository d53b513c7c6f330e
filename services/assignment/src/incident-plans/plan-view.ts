import type { IncidentPlanLevel, LocalizedName, PlanMemberResolution } from '@kesu/assignment-contracts';
import {
  type IncidentPlanState,
  PLAN_LEVEL_LABELS,
  type PlanClosing,
  type PlanStatusReport,
  type PlanStep,
} from '@kesu/assignment-domain';

/** `GET /api/v1/incident-plans/{planId}`: a plan as it stands. */
export interface IncidentPlanView {
  readonly planId: string;
  readonly status: 'open' | 'closed';
  readonly level: IncidentPlanLevel;
  readonly levelName: LocalizedName;
  readonly origin: 'detected' | 'declared';
  readonly incidentId: string | null;
  readonly unitId: string;
  readonly coordinatorId: string | null;
  /** Its complaints, and how each one's matter ended (null: still open). */
  readonly complaints: ReadonlyArray<{
    readonly complaintId: string;
    readonly resolution: PlanMemberResolution | null;
  }>;
  readonly complainantCount: number;
  readonly signals: IncidentPlanState['signals'];
  readonly steps: readonly PlanStep[];
  readonly stepsDone: number;
  readonly stepsTotal: number;
  readonly statusReports: readonly PlanStatusReport[];
  readonly reason: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly closing: PlanClosing | null;
  /** The plan stream's revision: what If-Match names on its actions. */
  readonly revision: number;
}

/** The answer to an action on a plan. */
export interface PlanActionResult {
  readonly planId: string;
  readonly status: 'open' | 'closed';
  readonly level: IncidentPlanLevel;
  readonly revision: number;
}

export function planViewOf(state: IncidentPlanState, revision: number): IncidentPlanView {
  const { planId, level, origin, incidentId, unitId, coordinatorId, complainantCount, signals, steps } =
    state;
  const { reports, reason, openedBy, openedAt, closing } = state;
  return {
    planId,
    status: state.status === 'closed' ? 'closed' : 'open',
    level,
    levelName: PLAN_LEVEL_LABELS[level],
    origin,
    incidentId,
    unitId,
    coordinatorId,
    complaints: Object.entries(state.members).map(([complaintId, resolution]) => ({
      complaintId,
      resolution,
    })),
    complainantCount,
    signals,
    steps,
    stepsDone: steps.filter((s) => s.done).length,
    stepsTotal: steps.length,
    statusReports: reports,
    reason,
    openedBy,
    openedAt,
    closing,
    revision,
  };
}

export const planActionResult = (state: IncidentPlanState, revision: number): PlanActionResult => ({
  planId: state.planId,
  status: state.status === 'closed' ? 'closed' : 'open',
  level: state.level,
  revision,
});
