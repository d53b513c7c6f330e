import type { DomainEvent } from '@kesu/kernel';
import type { ClassificationOutcome, DecisionRecord, Nature, Scope, Severity } from './vocabulary';

// ---------------------------------------------------------------- events

export interface ComplaintClassifiedData extends ClassificationOutcome {
  readonly complaintId: string;
  readonly decision: DecisionRecord;
  readonly classifiedAt: string;
}

/** A handler's correction: it becomes a training example. */
export interface ComplaintReclassifiedData {
  readonly complaintId: string;
  readonly category: string;
  readonly severity?: Severity;
  readonly scope?: Scope;
  readonly nature?: Nature;
  readonly previousCategory?: string;
  readonly reason: string;
  readonly reclassifiedBy: string;
  readonly reclassifiedAt: string;
}

/** Many complaints about one target in a short window, or one complaint by many people. */
export interface CollectiveIncidentDetectedData {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** What they have in common: the subject and category, or the terms shared by their texts. */
  readonly target: string;
  readonly complaintIds: readonly string[];
  readonly complainantCount: number;
  readonly windowStart: string;
  readonly detectedAt: string;
}

/**
 * A later complaint about an incident's target joined it: similar to a member at the same branch and
 * top-level category within the window, or in a cluster sharing members with it. It names the joining
 * complaint and the incident's totals after the join, never its members (an incident of thousands
 * grows by one bounded event per complaint); a complaint joins once.
 */
export interface ComplaintJoinedCollectiveIncidentData {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The joining complaint. */
  readonly complaintId: string;
  /** When the joining complaint was received. */
  readonly receivedAt: string;
  /** The people the joining complaint speaks for (at least one). */
  readonly joiningComplainantCount: number;
  /** The incident's complaints after the join. */
  readonly complaintCount: number;
  /** The people all the incident's complaints speak for after the join. */
  readonly complainantCount: number;
  readonly joinedAt: string;
}

/**
 * A person (a supervisor or above) found that the incident is about the same matter as another and
 * merged it into that one: it takes no more complaints, and each of its members joins the other
 * (one ComplaintJoinedCollectiveIncident on the surviving incident's stream each, caused by this
 * event). Recorded on the merged incident's stream.
 */
export interface CollectiveIncidentMergedData {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The incident that takes its complaints. */
  readonly intoIncidentId: string;
  /** Its complaints, and the people they speak for, when it was merged. */
  readonly complaintCount: number;
  readonly complainantCount: number;
  readonly reason: string;
  readonly mergedBy: string;
  readonly mergedAt: string;
}

/**
 * A person (a supervisor or above) found that a complaint is not about the incident's matter and
 * took it out: the incident's totals after it, who and why. The complaint does not join that
 * incident again; it is classified again without the incident's complainants.
 */
export interface ComplaintRemovedFromCollectiveIncidentData {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly complaintId: string;
  /** The people the complaint spoke for in the incident (at least one). */
  readonly leavingComplainantCount: number;
  /** The incident's complaints after the removal. */
  readonly complaintCount: number;
  /** The people all the incident's complaints speak for after the removal. */
  readonly complainantCount: number;
  readonly reason: string;
  readonly removedBy: string;
  readonly removedAt: string;
}

export type ComplaintClassified = DomainEvent<'ComplaintClassified', ComplaintClassifiedData>;
export type ComplaintReclassified = DomainEvent<'ComplaintReclassified', ComplaintReclassifiedData>;
export type CollectiveIncidentDetected = DomainEvent<
  'CollectiveIncidentDetected',
  CollectiveIncidentDetectedData
>;
export type ComplaintJoinedCollectiveIncident = DomainEvent<
  'ComplaintJoinedCollectiveIncident',
  ComplaintJoinedCollectiveIncidentData
>;
export type CollectiveIncidentMerged = DomainEvent<'CollectiveIncidentMerged', CollectiveIncidentMergedData>;
export type ComplaintRemovedFromCollectiveIncident = DomainEvent<
  'ComplaintRemovedFromCollectiveIncident',
  ComplaintRemovedFromCollectiveIncidentData
>;
/** The events of a collective incident's stream. */
export type CollectiveIncidentEvent =
  | CollectiveIncidentDetected
  | ComplaintJoinedCollectiveIncident
  | CollectiveIncidentMerged
  | ComplaintRemovedFromCollectiveIncident;
export type ClassificationEvent = ComplaintClassified | ComplaintReclassified | CollectiveIncidentEvent;
