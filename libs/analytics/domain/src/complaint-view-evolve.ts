import {
  type ClassificationEvent,
  type CollectiveIncidentDetectedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
} from '@kesu/classification-contracts';
import type { CaseEvent, DispatchEvent } from '@kesu/assignment-contracts';
import { type IntakeEvent, intakeEventTypes } from '@kesu/intake-contracts';
import { type RecordedEvent } from '@kesu/kernel';
import { type ComplaintView } from './complaint-view';
import { applyAssignment, ASSIGNMENT_TYPES as DISPATCH_TYPES } from './complaint-view-assignment';
import { applyCase, CASE_TYPES } from './complaint-view-case';
import { applyClassification, CLASSIFICATION_TYPES } from './complaint-view-classification';
import {
  applyEscalation,
  ESCALATION_TYPES,
  type EscalationViewEvent,
  PLAN_MEMBERSHIP_TYPES,
  planMembersNamed,
} from './complaint-view-escalation';
import { applyFollowUp, FOLLOW_UP_TYPES } from './complaint-view-follow-up';
import { applyIntake, receivedView } from './complaint-view-intake';
import { applySla, SLA_VIEW_TYPES, type SlaViewEvent } from './complaint-view-sla';

const ESCALATION_VIEW_TYPES: readonly string[] = [...ESCALATION_TYPES, ...PLAN_MEMBERSHIP_TYPES];

/**
 * Event types the complaint view folds: every one of intake's, classification's and dispatch's about
 * it, assignment's escalation of it, the plans that name it and its case work, the SLA service's
 * clocks, and follow-up's.
 */
export const complaintViewHandles: readonly string[] = [
  ...intakeEventTypes.map((entry) => entry.type),
  ...CLASSIFICATION_TYPES,
  ...DISPATCH_TYPES,
  ...ESCALATION_VIEW_TYPES,
  ...SLA_VIEW_TYPES,
  ...CASE_TYPES,
  ...FOLLOW_UP_TYPES,
];

/**
 * The ids of the views an event changes: its complaint's (the correlation id), or every complaint an
 * incident or plan event names.
 */
export function complaintViewIds(event: RecordedEvent): readonly string[] {
  if ((PLAN_MEMBERSHIP_TYPES as readonly string[]).includes(event.type))
    return planMembersNamed({ type: event.type, data: event.data } as Parameters<typeof planMembersNamed>[0]);
  if (event.type === 'CollectiveIncidentDetected')
    return (event.data as CollectiveIncidentDetectedData).complaintIds;
  if (event.type === 'ComplaintJoinedCollectiveIncident')
    return [(event.data as ComplaintJoinedCollectiveIncidentData).complaintId];
  if (event.type === 'ComplaintRemovedFromCollectiveIncident')
    return [(event.data as ComplaintRemovedFromCollectiveIncidentData).complaintId];
  return [event.correlationId];
}

// ---------------------------------------------------------------- evolve

/**
 * Folds one event of a complaint's history into its view. Pure: the same function serves the
 * live projection, rebuilds, and the view as of an instant (a fold over the history up to then).
 * Events of other types are counted, not interpreted.
 */
export function evolveComplaintView(view: ComplaintView | null, event: RecordedEvent): ComplaintView | null {
  if (!complaintViewHandles.includes(event.type)) return view && touched(view, event);
  if ((CLASSIFICATION_TYPES as readonly string[]).includes(event.type)) {
    const classification = { type: event.type, data: event.data } as ClassificationEvent;
    const next = view && applyClassification(view, classification, event.revision);
    // an incident event that does not name the complaint (in a history read with its incident's)
    return next === view ? view : next && touched(next, event);
  }
  if ((DISPATCH_TYPES as readonly string[]).includes(event.type)) {
    const dispatched = { type: event.type, data: event.data } as DispatchEvent;
    return view && touched(applyAssignment(view, dispatched), event);
  }
  if ((SLA_VIEW_TYPES as readonly string[]).includes(event.type)) {
    const sla = { type: event.type, data: event.data } as SlaViewEvent;
    return view && touched(applySla(view, sla, event.occurredAt), event);
  }
  if (CASE_TYPES.includes(event.type))
    return view && touched(applyCase(view, { type: event.type, data: event.data } as CaseEvent), event);
  if ((FOLLOW_UP_TYPES as readonly string[]).includes(event.type)) {
    const followedUp = { type: event.type, data: event.data } as Parameters<typeof applyFollowUp>[1];
    return view && touched(applyFollowUp(view, followedUp), event);
  }
  if ((ESCALATION_VIEW_TYPES as readonly string[]).includes(event.type)) {
    const next =
      view &&
      applyEscalation(view, { type: event.type, data: event.data } as EscalationViewEvent, event.revision);
    return next === view ? view : next && touched(next, event);
  }
  // intake's own events of this complaint are all on its intake stream: their revision is its revision
  const intake = { type: event.type, data: event.data } as IntakeEvent;
  if (intake.type === 'ComplaintReceived') return receivedView(intake.data, event);
  return view && touched({ ...applyIntake(view, intake), intakeRevision: event.revision }, event);
}

function touched(view: ComplaintView, event: RecordedEvent): ComplaintView {
  return { ...view, eventCount: view.eventCount + 1, updatedAt: event.recordedAt };
}

/** The view as it stood at `instant`: a fold over the events recorded up to then. */
export function complaintViewAsOf(history: readonly RecordedEvent[], instant: string): ComplaintView | null {
  const until = Date.parse(instant);
  return history
    .filter((event) => Date.parse(event.recordedAt) <= until)
    .reduce<ComplaintView | null>(evolveComplaintView, null);
}
