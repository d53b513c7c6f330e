import type {
  EscalationTrigger,
  IncidentPlanEvent,
  IncidentPlanLevel,
  LocalizedName,
  PlanClosure,
  PlanMemberResolution,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- state

/** One step of a plan's checklist, and who did it, when, with which note (null: not done yet). */
export interface PlanStep {
  readonly stepId: string;
  readonly name: LocalizedName;
  readonly done: { readonly by: string; readonly at: string; readonly note: string } | null;
}

export interface PlanStatusReport {
  readonly reportNo: number;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

/** How and when a plan ended. */
export interface PlanClosing {
  readonly closure: PlanClosure;
  readonly note: string | null;
  readonly intoPlanId: string | null;
  readonly by: string;
  readonly at: string;
}

/** A collective-incident plan as its stream tells it (`status: none` before it opened). */
export interface IncidentPlanState {
  readonly status: 'none' | 'open' | 'closed';
  readonly planId: string;
  readonly unitId: string;
  readonly origin: 'detected' | 'declared';
  readonly incidentId: string | null;
  readonly level: IncidentPlanLevel;
  readonly coordinatorId: string | null;
  /** Each member complaint, and how its matter ended (null: still open). */
  readonly members: Readonly<Record<string, PlanMemberResolution | null>>;
  readonly complainantCount: number;
  readonly signals: readonly EscalationTrigger[];
  readonly steps: readonly PlanStep[];
  readonly reports: readonly PlanStatusReport[];
  readonly reason: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly closing: PlanClosing | null;
}

export const initialIncidentPlanState = (): IncidentPlanState => ({
  status: 'none',
  planId: '',
  unitId: '',
  origin: 'detected',
  incidentId: null,
  level: 'level_3',
  coordinatorId: null,
  members: {},
  complainantCount: 0,
  signals: [],
  steps: [],
  reports: [],
  reason: null,
  openedBy: '',
  openedAt: '',
  closing: null,
});

/** The member complaints whose matter has not ended. */
export const openMembers = (state: IncidentPlanState): string[] =>
  Object.entries(state.members)
    .filter(([, resolution]) => resolution === null)
    .map(([complaintId]) => complaintId);

export function evolveIncidentPlan(state: IncidentPlanState, event: IncidentPlanEvent): IncidentPlanState {
  switch (event.type) {
    case 'IncidentPlanOpened': {
      const { planId, unitId, origin, incidentId, level, coordinatorId, complaintIds } = event.data;
      const { complainantCount, signals, steps, reason, openedBy, openedAt } = event.data;
      return {
        ...state,
        status: 'open',
        planId,
        unitId,
        origin,
        incidentId,
        level,
        coordinatorId,
        members: Object.fromEntries(complaintIds.map((id) => [id, null])),
        complainantCount,
        signals,
        steps: steps.map((step) => ({ ...step, done: null })),
        reason,
        openedBy,
        openedAt,
      };
    }
    case 'ComplaintAddedToIncidentPlan':
      return {
        ...state,
        members: { ...state.members, [event.data.complaintId]: null },
        complainantCount: event.data.complainantCount,
      };
    case 'ComplaintRemovedFromIncidentPlan': {
      const { [event.data.complaintId]: _removed, ...members } = state.members;
      return { ...state, members };
    }
    case 'IncidentPlanLevelRaised':
      return {
        ...state,
        level: event.data.to,
        complainantCount: event.data.complainantCount,
        signals: event.data.signals,
      };
    case 'IncidentPlanStepCompleted': {
      const { stepId, doneBy, doneAt, note } = event.data;
      const done = { by: doneBy, at: doneAt, note };
      return {
        ...state,
        steps: state.steps.map((step) => (step.stepId === stepId ? { ...step, done } : step)),
      };
    }
    case 'IncidentPlanStatusReported': {
      const { reportNo, text, reportedBy, reportedAt } = event.data;
      return { ...state, reports: [...state.reports, { reportNo, text, by: reportedBy, at: reportedAt }] };
    }
    case 'IncidentPlanMemberResolved':
      return { ...state, members: { ...state.members, [event.data.complaintId]: event.data.resolution } };
    case 'IncidentPlanClosed': {
      const { closure, note, intoPlanId, closedBy, closedAt } = event.data;
      return {
        ...state,
        status: 'closed',
        closing: { closure, note, intoPlanId, by: closedBy, at: closedAt },
      };
    }
    case 'IncidentPlanNotificationRequested':
      return state;
    default:
      return assertNever(event);
  }
}
