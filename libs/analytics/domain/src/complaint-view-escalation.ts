import type { EscalationEvent, IncidentPlanEvent } from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';
import { type ComplaintView } from './complaint-view';

// ---------------------------------------------------------------- the fold of assignment's escalation and plan events

/** Escalation's events of the complaint's own stream (its correlation id is the complaint's). */
export const ESCALATION_TYPES = ['ComplaintEscalated', 'EscalationHandedBack'] as const;

/** The plan events that name a complaint joining or leaving a plan (the plan's correlation id is its own). */
export const PLAN_MEMBERSHIP_TYPES = [
  'IncidentPlanOpened',
  'ComplaintAddedToIncidentPlan',
  'ComplaintRemovedFromIncidentPlan',
] as const;

export type EscalationViewEvent =
  | Extract<EscalationEvent, { type: (typeof ESCALATION_TYPES)[number] }>
  | Extract<IncidentPlanEvent, { type: (typeof PLAN_MEMBERSHIP_TYPES)[number] }>;

/** The complaints a plan membership event names. */
export function planMembersNamed(
  event: Extract<EscalationViewEvent, { data: { planId: string } }>,
): readonly string[] {
  return event.type === 'IncidentPlanOpened' ? event.data.complaintIds : [event.data.complaintId];
}

/**
 * An escalation event moves the level holding the complaint (handed back to its handler: none); a
 * plan event naming the complaint makes it a member (`revision`: the event's in the plan's stream)
 * or takes it out. A plan event naming other complaints leaves the view as it is.
 */
export function applyEscalation(
  view: ComplaintView,
  event: EscalationViewEvent,
  revision: number,
): ComplaintView {
  switch (event.type) {
    case 'ComplaintEscalated': {
      const { level, holderId, escalatedAt, respondBy } = event.data;
      return { ...view, escalation: { level, holderId, since: escalatedAt, respondBy } };
    }
    case 'EscalationHandedBack': {
      const { to, handedBackAt } = event.data;
      const escalation = to && {
        level: to.level,
        holderId: to.holderId,
        since: handedBackAt,
        respondBy: null,
      };
      return { ...view, escalation };
    }
    case 'IncidentPlanOpened':
    case 'ComplaintAddedToIncidentPlan':
      if (!planMembersNamed(event).includes(view.complaintId)) return view;
      return { ...view, incidentPlan: { planId: event.data.planId, revision } };
    case 'ComplaintRemovedFromIncidentPlan':
      if (event.data.complaintId !== view.complaintId || view.incidentPlan?.planId !== event.data.planId)
        return view;
      return { ...view, incidentPlan: null };
    default:
      return assertNever(event);
  }
}
