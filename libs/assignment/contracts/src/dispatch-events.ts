import type { EscalationSignal, Scope, Severity } from '@kesu/classification-contracts';
import type { Channel, Language } from '@kesu/intake-contracts';
import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { AssignmentLevel, RoutingPolicy } from './dispatch-policy';
import type { LocalizedName } from './staff';
import { ASSIGNMENT_CATEGORY } from './streams';

// ---------------------------------------------------------------- streams

/** A tenant's dispatch policy (`assignment-routing-<tenant>`): every change of its routing rules. */
export const routingPolicyStream = (tenantId: string): string => `${ASSIGNMENT_CATEGORY}-routing-${tenantId}`;

/**
 * One person's open workload (`assignment-workload-<tenant>-<person>`): each complaint they took on
 * and let go of. It holds their capacity: a complaint is taken only below it.
 */
export const workloadStream = (tenantId: string, personId: string): string =>
  `${ASSIGNMENT_CATEGORY}-workload-${tenantId}-${personId}`;

// ---------------------------------------------------------------- decisions

/** What dispatch knew of the complaint when it routed it (intake's record and classification's decision). */
export interface RoutedComplaint {
  readonly reference: string;
  readonly receivedAt: string;
  readonly branchId: string;
  readonly channel: Channel;
  readonly language: Language;
  readonly category: string;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly signals: readonly EscalationSignal[];
}

/** Why a person could not take a complaint. */
export const INELIGIBILITY_REASONS = [
  'off_duty',
  'lacks_skill',
  'lacks_language',
  'at_capacity',
  'returned_it',
  'holds_it',
] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

/** One person dispatch considered, and why they could or could not take the complaint. */
export interface CandidateAssessment {
  readonly personId: string;
  readonly eligible: boolean;
  /** Empty when eligible. */
  readonly ineligible: readonly IneligibilityReason[];
  readonly openComplaints: number;
  /** Their open complaints, each weighted by its severity (the policy's `severityWeights`). */
  readonly weightedLoad: number;
  readonly capacity: number;
}

/**
 * Why the chosen person won: the only eligible one; a lower weighted load than the next; the same
 * load and fewer open complaints; the same again and the longest since their last; all else equal,
 * the first by id; or a supervisor named them.
 */
export const CHOICE_REASONS = [
  'only_eligible',
  'lowest_weighted_load',
  'fewest_open',
  'waited_longest',
  'first_by_id',
  'named_by_supervisor',
] as const;
export type ChoiceReason = (typeof CHOICE_REASONS)[number];

/** The rule a route came from (`fallback` when none matched). */
export interface MatchedRule {
  readonly id: string;
  readonly description: LocalizedName;
}

/** Where a complaint was sent, and how soon the level must have it. */
export interface Route {
  readonly departmentId: string;
  readonly level: AssignmentLevel;
  readonly handOverWithinMinutes?: number;
  readonly handOverSameDay?: boolean;
}

/**
 * Why a complaint went where it went, as classification records its decisions: the policy version
 * and the rule that matched (null when a person chose), the route, each person considered and why,
 * and why the chosen one won (null when nobody was eligible).
 */
export interface AssignmentDecision {
  readonly policyVersion: number;
  readonly rule: MatchedRule | null;
  readonly route: Route;
  readonly candidates: readonly CandidateAssessment[];
  readonly chosen: { readonly personId: string; readonly reason: ChoiceReason } | null;
}

/**
 * What placed the complaint: dispatch when it became ready, a new classification (reroute), a
 * transfer, a supervisor's reassignment, its handler returning it, or dispatch taking it from its
 * department's queue when someone came to have room for it (came on duty, was given capacity or
 * skills, joined the department, let go of another complaint).
 */
export const ASSIGNMENT_TRIGGERS = [
  'dispatch',
  'reroute',
  'transfer',
  'reassignment',
  'return',
  'queue',
] as const;
export type AssignmentTrigger = (typeof ASSIGNMENT_TRIGGERS)[number];

/** Why a complaint waits in its department's queue: nobody was eligible, or its handler returned it. */
export const QUEUE_REASONS = ['no_eligible_person', 'returned'] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

/** Why a complaint left everyone's workload. */
export const ASSIGNMENT_END_REASONS = ['closed', 'withdrawn'] as const;
export type AssignmentEndReason = (typeof ASSIGNMENT_END_REASONS)[number];

// ---------------------------------------------------------------- events of a complaint (assignmentStream)

/** The complaint landed on a named person (责任到人) of a department, at a level. */
export interface ComplaintAssignedData {
  readonly complaintId: string;
  readonly departmentId: string;
  readonly assigneeId: string;
  readonly level: AssignmentLevel;
  readonly trigger: AssignmentTrigger;
  readonly complaint: RoutedComplaint;
  readonly decision: AssignmentDecision;
  /** `dispatch`, or the user who reassigned it. */
  readonly assignedBy: string;
  /** A person's reason (a reassignment). */
  readonly reason?: string;
  readonly assignedAt: string;
}

/** Nobody could take it: it waits in the department's queue, the department's head accountable. */
export interface ComplaintQueuedData {
  readonly complaintId: string;
  readonly departmentId: string;
  readonly level: AssignmentLevel;
  readonly why: QueueReason;
  readonly trigger: AssignmentTrigger;
  readonly complaint: RoutedComplaint;
  /** The decision that found nobody eligible (absent for a returned complaint). */
  readonly decision?: AssignmentDecision;
  readonly queuedAt: string;
}

/** The department's head is told a complaint waits in the queue (the follow-up service delivers it). */
export interface DepartmentHeadAlertedData {
  readonly complaintId: string;
  readonly departmentId: string;
  /** Null when the department has no head: the alert stands for whoever takes the queue. */
  readonly headId: string | null;
  readonly why: QueueReason;
  readonly alertedAt: string;
}

/** The assignee accepted the complaint: it is theirs to handle. */
export interface AssignmentAcceptedData {
  readonly complaintId: string;
  readonly departmentId: string;
  readonly assigneeId: string;
  readonly acceptedAt: string;
}

/** The assignee returned it with a reason; it waits in the department's queue. */
export interface AssignmentReturnedData {
  readonly complaintId: string;
  readonly departmentId: string;
  readonly assigneeId: string;
  readonly reason: string;
  readonly returnedAt: string;
}

/** Sent to another department, with a reason; `transfers` counts every transfer so far. */
export interface ComplaintTransferredData {
  readonly complaintId: string;
  readonly fromDepartmentId: string;
  readonly toDepartmentId: string;
  readonly reason: string;
  readonly transferredBy: string;
  readonly transfers: number;
  readonly transferredAt: string;
}

/** The complaint was closed or withdrawn: it left its holder's workload. */
export interface AssignmentEndedData {
  readonly complaintId: string;
  readonly departmentId: string;
  readonly assigneeId: string | null;
  readonly why: AssignmentEndReason;
  readonly endedAt: string;
}

// ---------------------------------------------------------------- events of a person's workload (workloadStream)

export interface WorkloadTakenData {
  readonly tenantId: string;
  readonly personId: string;
  readonly complaintId: string;
  /** Its severity when taken: what it weighs in their workload is the policy's weight of it. */
  readonly severity: Severity;
  readonly takenAt: string;
}

export interface WorkloadReleasedData {
  readonly tenantId: string;
  readonly personId: string;
  readonly complaintId: string;
  readonly releasedAt: string;
}

// ---------------------------------------------------------------- events of a tenant's policy (routingPolicyStream)

/** A tenant's dispatch policy was replaced as a whole; `policy.version` rose by one. */
export interface RoutingPolicyChangedData {
  readonly tenantId: string;
  readonly policy: RoutingPolicy;
  readonly previousVersion: number;
  readonly changedBy: string;
  readonly reason: string;
  readonly changedAt: string;
}

export type ComplaintAssigned = DomainEvent<'ComplaintAssigned', ComplaintAssignedData>;
export type ComplaintQueued = DomainEvent<'ComplaintQueued', ComplaintQueuedData>;
export type DepartmentHeadAlerted = DomainEvent<'DepartmentHeadAlerted', DepartmentHeadAlertedData>;
export type AssignmentAccepted = DomainEvent<'AssignmentAccepted', AssignmentAcceptedData>;
export type AssignmentReturned = DomainEvent<'AssignmentReturned', AssignmentReturnedData>;
export type ComplaintTransferred = DomainEvent<'ComplaintTransferred', ComplaintTransferredData>;
export type AssignmentEnded = DomainEvent<'AssignmentEnded', AssignmentEndedData>;
export type WorkloadTaken = DomainEvent<'WorkloadTaken', WorkloadTakenData>;
export type WorkloadReleased = DomainEvent<'WorkloadReleased', WorkloadReleasedData>;
export type RoutingPolicyChanged = DomainEvent<'RoutingPolicyChanged', RoutingPolicyChangedData>;

/** The dispatch events of a complaint's stream. */
export type DispatchEvent =
  | ComplaintAssigned
  | ComplaintQueued
  | DepartmentHeadAlerted
  | AssignmentAccepted
  | AssignmentReturned
  | ComplaintTransferred
  | AssignmentEnded;
export type WorkloadEvent = WorkloadTaken | WorkloadReleased;

/** The dispatch events of a complaint's stream (`assignmentStream`). */
export const dispatchEventTypes: readonly EventContract[] = [
  { type: 'ComplaintAssigned', schemaVersion: 1, dataType: 'ComplaintAssignedData' },
  { type: 'ComplaintQueued', schemaVersion: 1, dataType: 'ComplaintQueuedData' },
  { type: 'DepartmentHeadAlerted', schemaVersion: 1, dataType: 'DepartmentHeadAlertedData' },
  { type: 'AssignmentAccepted', schemaVersion: 1, dataType: 'AssignmentAcceptedData' },
  { type: 'AssignmentReturned', schemaVersion: 1, dataType: 'AssignmentReturnedData' },
  { type: 'ComplaintTransferred', schemaVersion: 1, dataType: 'ComplaintTransferredData' },
  { type: 'AssignmentEnded', schemaVersion: 1, dataType: 'AssignmentEndedData' },
];

/** The events of people's workloads (`workloadStream`) and tenants' dispatch policies (`routingPolicyStream`). */
export const dispatchSettingsEventTypes: readonly EventContract[] = [
  { type: 'WorkloadTaken', schemaVersion: 1, dataType: 'WorkloadTakenData' },
  { type: 'WorkloadReleased', schemaVersion: 1, dataType: 'WorkloadReleasedData' },
  { type: 'RoutingPolicyChanged', schemaVersion: 1, dataType: 'RoutingPolicyChangedData' },
];
