import {
  ASSIGNMENT_TOPIC,
  type IncidentPlanEvent,
  INCIDENT_PLAN_MEMBERSHIP_TYPES,
  incidentPlanEventTypes,
} from '@kesu/assignment-contracts';
import { evolvePlanSummary, type IncidentPlanSummary } from '@kesu/assignment-domain';
import type { RecordedEvent } from '@kesu/kernel';
import type { Projected, Projection } from '@kesu/ports';

export const INCIDENT_PLANS = 'assignment_incident_plans';
export const INCIDENT_PLAN_MEMBERS = 'assignment_incident_plan_members';

/** A plan as the list shows it (`_id`: the plan id). */
export interface IncidentPlanDocument extends IncidentPlanSummary, Projected {
  readonly _id: string;
}

/** The plan a complaint belongs to (`_id`: the complaint id): the last one that took it in. */
export interface PlanMemberDocument extends Projected {
  readonly _id: string;
  readonly tenantId: string;
  readonly planId: string;
}

const domainOf = (event: RecordedEvent) => ({ type: event.type, data: event.data }) as IncidentPlanEvent;

/** The plan list, one bounded document per plan, folded from its stream (1: the first version). */
export const incidentPlanListProjection: Projection<IncidentPlanDocument> = {
  name: 'incident-plans',
  version: 1,
  collection: INCIDENT_PLANS,
  topics: [ASSIGNMENT_TOPIC],
  handles: incidentPlanEventTypes
    .map((e) => e.type)
    .filter((type) => type !== 'IncidentPlanNotificationRequested'),
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => {
    const summary = evolvePlanSummary(doc && summaryOf(doc), domainOf(event), event.tenantId);
    return summary && { _id: summary.planId, ...summary };
  },
};

/** The summary a document holds, without the projection's fields. */
export function summaryOf(doc: Omit<IncidentPlanDocument, keyof Projected>): IncidentPlanSummary {
  const { _id, ...summary } = doc;
  const {
    lastPosition: _p,
    projectionVersion: _v,
    documentRevision: _r,
    ...rest
  } = summary as typeof summary & Partial<Projected>;
  return rest;
}

/** The complaints a membership event names. */
function membersNamed(event: RecordedEvent): readonly string[] {
  const plan = domainOf(event);
  if (plan.type === 'IncidentPlanOpened') return plan.data.complaintIds;
  if (plan.type === 'ComplaintAddedToIncidentPlan' || plan.type === 'ComplaintRemovedFromIncidentPlan')
    return [plan.data.complaintId];
  return [];
}

/**
 * The plan each complaint belongs to: what a member's resolution, and a declaration naming it, look
 * up (1: the first version). A complaint leaving its plan has none.
 */
export const incidentPlanMembersProjection: Projection<PlanMemberDocument> = {
  name: 'incident-plan-members',
  version: 1,
  collection: INCIDENT_PLAN_MEMBERS,
  topics: [ASSIGNMENT_TOPIC],
  handles: [...INCIDENT_PLAN_MEMBERSHIP_TYPES],
  documentId: membersNamed,
  evolve: (doc, event) => {
    const planId = event.correlationId;
    if (event.type === 'ComplaintRemovedFromIncidentPlan') return doc?.planId === planId ? null : doc;
    // the document of each complaint the event names: `applyToProjection` stamps its id on it
    return { _id: doc?._id ?? '', tenantId: event.tenantId, planId };
  },
};
