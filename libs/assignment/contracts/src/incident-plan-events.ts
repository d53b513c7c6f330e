import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { EscalationTrigger, IncidentPlanLevel, IncidentPlanStepDefinition } from './escalation-events';
import type { LocalizedName } from './staff';

/*
 * A collective-incident plan (三级预警预案, seed 003) on its own stream (`incidentPlanStream`), whose
 * correlation id is the plan's id. Its member complaints are named by the events that add them (the
 * opening, a complaint added, a complaint removed); the others concern the plan as a whole.
 */

/** How a member complaint's part in a plan ended: closed, withdrawn, resolved (on the spot or by case work), merged. */
export const PLAN_MEMBER_RESOLUTIONS = [
  'closed',
  'withdrawn',
  'resolved_on_the_spot',
  'resolved',
  'merged_as_duplicate',
] as const;
export type PlanMemberResolution = (typeof PLAN_MEMBER_RESOLUTIONS)[number];

/**
 * How a plan ended: all its complaints resolved; closed by its coordinator with a note; merged into
 * the plan of the incident its incident was merged into; or left without complaints.
 */
export const PLAN_CLOSURES = ['resolved', 'closed_by_coordinator', 'merged', 'emptied'] as const;
export type PlanClosure = (typeof PLAN_CLOSURES)[number];

/**
 * A plan opened: for a collective incident classification detected (`detected`, `incidentId` set),
 * or declared by a supervisor over the complaints they name (`declared`, with their reason).
 */
export interface IncidentPlanOpenedData {
  readonly planId: string;
  readonly tenantId: string;
  /** The org unit the plan lies in: the incident's branch, or the unit above all the named complaints. */
  readonly unitId: string;
  readonly origin: 'detected' | 'declared';
  readonly incidentId: string | null;
  readonly level: IncidentPlanLevel;
  /** What the level was chosen by: the people the complaints speak for, and their signals. */
  readonly complainantCount: number;
  readonly signals: readonly EscalationTrigger[];
  /** The person coordinating it (null: nobody holds the policy's coordinating role). */
  readonly coordinatorId: string | null;
  readonly complaintIds: readonly string[];
  /** The checklist, from the tenant's policy when it opened. */
  readonly steps: readonly IncidentPlanStepDefinition[];
  readonly reason: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
}

/** A complaint joined the plan (it joined the plan's incident). */
export interface ComplaintAddedToIncidentPlanData {
  readonly planId: string;
  readonly complaintId: string;
  /** The plan's complaints and the people they speak for after it joined. */
  readonly complaintCount: number;
  readonly complainantCount: number;
  readonly addedAt: string;
}

/** A complaint left the plan (it was taken out of the plan's incident), who and why. */
export interface ComplaintRemovedFromIncidentPlanData {
  readonly planId: string;
  readonly complaintId: string;
  readonly complaintCount: number;
  readonly reason: string;
  readonly removedBy: string;
  readonly removedAt: string;
}

/** The plan went to a higher level: more people, or a signal of the policy's level rules. */
export interface IncidentPlanLevelRaisedData {
  readonly planId: string;
  readonly from: IncidentPlanLevel;
  readonly to: IncidentPlanLevel;
  readonly complainantCount: number;
  readonly signals: readonly EscalationTrigger[];
  readonly raisedAt: string;
}

/** A step of the checklist was done: by whom, when, with a note. */
export interface IncidentPlanStepCompletedData {
  readonly planId: string;
  readonly stepId: string;
  readonly note: string;
  readonly doneBy: string;
  readonly doneAt: string;
}

/** A status report on the plan (to the emergency office, 应急办公室), numbered from 1. */
export interface IncidentPlanStatusReportedData {
  readonly planId: string;
  readonly reportNo: number;
  readonly text: string;
  readonly reportedBy: string;
  readonly reportedAt: string;
}

/** A member complaint's matter ended (its resolution event named). */
export interface IncidentPlanMemberResolvedData {
  readonly planId: string;
  readonly complaintId: string;
  readonly resolution: PlanMemberResolution;
  readonly resolvedAt: string;
}

/** The plan closed. */
export interface IncidentPlanClosedData {
  readonly planId: string;
  readonly closure: PlanClosure;
  readonly note: string | null;
  /** The plan that took its complaints, when merged. */
  readonly intoPlanId: string | null;
  readonly closedBy: string;
  readonly closedAt: string;
}

/** The coordinator must be told (the follow-up service delivers it), in their language, zh and en. */
export interface IncidentPlanNotificationRequestedData {
  readonly planId: string;
  readonly recipientId: string;
  readonly language: 'zh' | 'en';
  readonly about: 'opened' | 'level_raised';
  readonly level: IncidentPlanLevel;
  readonly text: LocalizedName;
  readonly requestedAt: string;
}

export type IncidentPlanOpened = DomainEvent<'IncidentPlanOpened', IncidentPlanOpenedData>;
export type ComplaintAddedToIncidentPlan = DomainEvent<
  'ComplaintAddedToIncidentPlan',
  ComplaintAddedToIncidentPlanData
>;
export type ComplaintRemovedFromIncidentPlan = DomainEvent<
  'ComplaintRemovedFromIncidentPlan',
  ComplaintRemovedFromIncidentPlanData
>;
export type IncidentPlanLevelRaised = DomainEvent<'IncidentPlanLevelRaised', IncidentPlanLevelRaisedData>;
export type IncidentPlanStepCompleted = DomainEvent<
  'IncidentPlanStepCompleted',
  IncidentPlanStepCompletedData
>;
export type IncidentPlanStatusReported = DomainEvent<
  'IncidentPlanStatusReported',
  IncidentPlanStatusReportedData
>;
export type IncidentPlanMemberResolved = DomainEvent<
  'IncidentPlanMemberResolved',
  IncidentPlanMemberResolvedData
>;
export type IncidentPlanClosed = DomainEvent<'IncidentPlanClosed', IncidentPlanClosedData>;
export type IncidentPlanNotificationRequested = DomainEvent<
  'IncidentPlanNotificationRequested',
  IncidentPlanNotificationRequestedData
>;

/** The events of a plan's stream. */
export type IncidentPlanEvent =
  | IncidentPlanOpened
  | ComplaintAddedToIncidentPlan
  | ComplaintRemovedFromIncidentPlan
  | IncidentPlanLevelRaised
  | IncidentPlanStepCompleted
  | IncidentPlanStatusReported
  | IncidentPlanMemberResolved
  | IncidentPlanClosed
  | IncidentPlanNotificationRequested;

/** The events of plans' streams. */
export const incidentPlanEventTypes: readonly EventContract[] = [
  { type: 'IncidentPlanOpened', schemaVersion: 1, dataType: 'IncidentPlanOpenedData' },
  { type: 'ComplaintAddedToIncidentPlan', schemaVersion: 1, dataType: 'ComplaintAddedToIncidentPlanData' },
  {
    type: 'ComplaintRemovedFromIncidentPlan',
    schemaVersion: 1,
    dataType: 'ComplaintRemovedFromIncidentPlanData',
  },
  { type: 'IncidentPlanLevelRaised', schemaVersion: 1, dataType: 'IncidentPlanLevelRaisedData' },
  { type: 'IncidentPlanStepCompleted', schemaVersion: 1, dataType: 'IncidentPlanStepCompletedData' },
  { type: 'IncidentPlanStatusReported', schemaVersion: 1, dataType: 'IncidentPlanStatusReportedData' },
  { type: 'IncidentPlanMemberResolved', schemaVersion: 1, dataType: 'IncidentPlanMemberResolvedData' },
  { type: 'IncidentPlanClosed', schemaVersion: 1, dataType: 'IncidentPlanClosedData' },
  {
    type: 'IncidentPlanNotificationRequested',
    schemaVersion: 1,
    dataType: 'IncidentPlanNotificationRequestedData',
  },
];

/** The plan's member events: the ones that name a complaint joining or leaving it. */
export const INCIDENT_PLAN_MEMBERSHIP_TYPES = [
  'IncidentPlanOpened',
  'ComplaintAddedToIncidentPlan',
  'ComplaintRemovedFromIncidentPlan',
] as const;
