import type { DomainEvent } from '@kesu/kernel';

// ---------------------------------------------------------------- vocabulary

export const SEVERITIES = ['minor', 'general', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SCOPES = ['individual', 'collective'] as const;
export type Scope = (typeof SCOPES)[number];

/** Effective complaint vs. the communication types (沟通性投诉) that become effective if mishandled. */
export const NATURES = ['effective', 'help_seeking', 'inquiry', 'venting'] as const;
export type Nature = (typeof NATURES)[number];

/** Escalation signals found in the text and the intake fields (domain.md stage 3). */
export const ESCALATION_SIGNALS = [
  'media_exposure',
  'government_petition',
  'legal_action',
  'injury_or_safety',
  'vulnerable_person',
  'repeat_complaint',
  'vip_or_authority',
] as const;
export type EscalationSignal = (typeof ESCALATION_SIGNALS)[number];

/** The industry packs a tenant's taxonomy can start from; `general` is the seeds' own categories. */
export const TAXONOMY_PACKS = [
  'general',
  'telecom',
  'banking',
  'utilities',
  'healthcare',
  'hospitality',
  'property',
  'retail',
] as const;
export type TaxonomyPack = (typeof TAXONOMY_PACKS)[number];

// ---------------------------------------------------------------- taxonomy

/** One category of a tenant's two-level tree: a top-level category has no parent. */
export interface Category {
  /** Stable code, e.g. `service_attitude` or `billing.overcharge`. */
  readonly code: string;
  readonly parent?: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** Terms in zh and en that point to the category (rules and the cold-start classifier use them). */
  readonly keywords: readonly string[];
  /** The department that usually owns complaints of this category. */
  readonly departmentId?: string;
}

export interface Taxonomy {
  readonly version: number;
  readonly pack: TaxonomyPack;
  readonly categories: readonly Category[];
}

// ---------------------------------------------------------------- rules

/** What a rule looks at: the complaint's text and its intake fields. */
export interface ClassificationInput {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly channel: string;
  readonly subject: { readonly type: string; readonly name?: string };
  readonly description: string;
  readonly expectedRemedy?: string;
  readonly emotion?: string;
  readonly complainantCount: number;
  /** Set when intake flagged the complaint as a repeat of a closed one. */
  readonly repeatOf?: string;
  readonly receivedAt: string;
}

/**
 * A rule is data: when its condition holds it raises the severity to at least `severity`, sets
 * the scope or nature, or adds signals. Rules are versioned as a set (RuleSet.version).
 */
export interface Rule {
  readonly id: string;
  readonly description: { readonly zh: string; readonly en: string };
  readonly when: RuleCondition;
  readonly then: {
    readonly minSeverity?: Severity;
    readonly scope?: Scope;
    readonly nature?: Nature;
    readonly signals?: readonly EscalationSignal[];
  };
}

/** Conditions over the input: any of the terms in the text, a channel, a count, an intake flag. */
export type RuleCondition =
  | { readonly anyTerm: readonly string[] }
  | { readonly channelIn: readonly string[] }
  | { readonly complainantCountAtLeast: number }
  | { readonly emotionIn: readonly string[] }
  | { readonly isRepeat: true }
  | { readonly all: readonly RuleCondition[] }
  | { readonly any: readonly RuleCondition[] };

export interface RuleSet {
  readonly version: number;
  readonly rules: readonly Rule[];
}

// ---------------------------------------------------------------- decisions

/** Why the complaint was classified as it was, so that a regulator can follow it. */
export interface DecisionRecord {
  /** The text model that proposed the category, or `keywords` before a model is trained. */
  readonly model: { readonly id: string; readonly version: number };
  readonly taxonomyVersion: number;
  readonly ruleSetVersion: number;
  /** The rules that fired, with the terms that matched. */
  readonly rules: readonly { readonly id: string; readonly matched: readonly string[] }[];
  /** The model's top candidates with their confidence. */
  readonly ranking: readonly { readonly category: string; readonly confidence: number }[];
}

export interface ClassificationOutcome {
  readonly category: string;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  /** The model's confidence in the category, 0–1. */
  readonly confidence: number;
  /** Below the tenant's threshold: a person classifies it instead of trusting a guess. */
  readonly needsHumanReview: boolean;
  /** The department that usually owns the category, for dispatch. */
  readonly departmentId?: string;
}

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

/** Classification's stream of one complaint; its category names the topic `complaints.classification.v1`. */
export const classificationStream = (complaintId: string): string =>
  `classification-complaint-${complaintId}`;

/** The stream of one collective incident. */
export const incidentStream = (incidentId: string): string => `classification-incident-${incidentId}`;

export const classificationEventTypes = [
  { type: 'ComplaintClassified', schemaVersion: 1 },
  { type: 'ComplaintReclassified', schemaVersion: 1 },
  { type: 'CollectiveIncidentDetected', schemaVersion: 1 },
  { type: 'ComplaintJoinedCollectiveIncident', schemaVersion: 1 },
  { type: 'CollectiveIncidentMerged', schemaVersion: 1 },
  { type: 'ComplaintRemovedFromCollectiveIncident', schemaVersion: 1 },
] as const;
