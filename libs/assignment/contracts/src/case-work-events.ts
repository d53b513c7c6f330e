import type { DomainEvent, EventContract } from '@kesu/kernel';
import { ASSIGNMENT_CATEGORY } from './streams';
import type {
  CaseWaitingEnded,
  CaseWaitingStarted,
  ComplaintResolved,
  CustomerContacted,
  RemedyType,
  ResolvedRemedy,
} from './case-events';

// ---------------------------------------------------------------- vocabulary

/** What a piece of evidence refers to when it is not a file. */
export const EVIDENCE_REFERENCE_TYPES = [
  'transaction',
  'service_log',
  'cctv',
  'staff_interview',
  'document',
  'other',
] as const;
export type EvidenceReferenceType = (typeof EVIDENCE_REFERENCE_TYPES)[number];

/** Who is responsible for what happened, as the finding states it. */
export const RESPONSIBILITIES = [
  'company_at_fault',
  'partly_at_fault',
  'not_at_fault',
  'customer_misunderstanding',
] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** The tiers of authority that approve a proposal, from the handler up to the general manager. */
export const APPROVAL_TIERS = ['handler', 'department_head', 'branch_manager', 'general_manager'] as const;
export type ApprovalTier = (typeof APPROVAL_TIERS)[number];

/** Where a negotiation went when it did not end in agreement. */
export const REFERRAL_TARGETS = ['mediation', 'court'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** A remedy as proposed: the kind, and amount and currency where money moves. */
export interface ProposedRemedy {
  readonly type: RemedyType;
  readonly amount?: number;
  /** ISO 4217, e.g. `CNY`. */
  readonly currency?: string;
  readonly description?: string;
}

/** A stored evidence file: its SHA-256 content hash (hex), size, sniffed media type and name. */
export interface EvidenceFile {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
}

/**
 * Whose turn it is to approve a proposal: the tier it awaits now and who holds it for the case. The
 * proposal climbs the chain from the tier above its proposer's, tier by tier (ProposalForwarded),
 * until an approver whose limit covers it (`requiredTier` or above) approves it.
 */
export interface ApprovalRoute {
  /** False: within the proposer's own authority, approved as submitted. */
  readonly required: boolean;
  /** The tier whose turn it is (the proposer's own when not required). */
  readonly tier: ApprovalTier;
  /** The person the chain names for that tier (null: those holding the tier's role in scope). */
  readonly approverId: string | null;
  /**
   * The lowest tier whose limit covers the proposal. Absent in proposals recorded before approval
   * climbed the chain: their `tier` was that tier.
   */
  readonly requiredTier?: ApprovalTier;
}

// ---------------------------------------------------------------- event data

export interface InvestigationPlannedData {
  readonly complaintId: string;
  readonly plan: string;
  readonly dueBy?: string;
  readonly plannedBy: string;
  readonly plannedAt: string;
}

export interface CaseNoteAddedData {
  readonly complaintId: string;
  readonly noteId: string;
  readonly text: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** EvidenceAdded (v1): a reference (transaction id, CCTV clip, interview) or a stored file by its hash. */
export interface EvidenceAddedData {
  readonly complaintId: string;
  readonly evidenceId: string;
  readonly kind: 'reference' | 'file';
  readonly referenceType?: EvidenceReferenceType;
  readonly reference?: string;
  readonly file?: EvidenceFile;
  readonly description?: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** FindingRecorded (v1): what happened, the root cause from the tenant's list, who is responsible. */
export interface FindingRecordedData {
  readonly complaintId: string;
  readonly facts: string;
  readonly rootCause: string;
  readonly responsibility: Responsibility;
  /** The staff involved (person ids), counted per person and department by analytics. */
  readonly staffInvolved: readonly string[];
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** ProposalSubmitted (v1): a resolution proposal and who must approve it. */
export interface ProposalSubmittedData {
  readonly complaintId: string;
  readonly proposalId: string;
  /** 1 for the first version, one more for each revision. */
  readonly version: number;
  readonly remedies: readonly ProposedRemedy[];
  readonly rationale: string;
  readonly approval: ApprovalRoute;
  readonly proposedBy: string;
  readonly proposedAt: string;
}

/** ProposalApproved (v1): an approver within whose limit the proposal lies approved it. */
export interface ProposalApprovedData {
  readonly complaintId: string;
  readonly proposalId: string;
  readonly version: number;
  readonly tier: ApprovalTier;
  readonly comment?: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
}

/**
 * ProposalForwarded (v1): the approver whose turn it was, their limit below the proposal, recommended
 * it to the next tier up the chain, which it awaits now.
 */
export interface ProposalForwardedData {
  readonly complaintId: string;
  readonly proposalId: string;
  readonly version: number;
  /** The tier it awaited and now the one it awaits. */
  readonly fromTier: ApprovalTier;
  readonly approval: ApprovalRoute;
  readonly comment?: string;
  readonly forwardedBy: string;
  readonly forwardedAt: string;
}

/** ProposalRejected (v1): an approver rejected it, saying why; the proposer revises it. */
export interface ProposalRejectedData {
  readonly complaintId: string;
  readonly proposalId: string;
  readonly version: number;
  readonly comment: string;
  readonly rejectedBy: string;
  readonly rejectedAt: string;
}

/** ProposalRevised (v1): a new version of the proposal, submitted again for approval. */
export type ProposalRevisedData = ProposalSubmittedData;

/** OfferMade (v1): the approved proposal put to the customer (a negotiation round). */
export interface OfferMadeData {
  readonly complaintId: string;
  readonly round: number;
  readonly proposalId: string;
  readonly version: number;
  readonly remedies: readonly ProposedRemedy[];
  readonly madeBy: string;
  readonly madeAt: string;
}

/** How the customer answered an offer. */
export const CUSTOMER_RESPONSES = ['counter_offer', 'accepted', 'declined'] as const;
export type CustomerResponse = (typeof CUSTOMER_RESPONSES)[number];

/** CustomerResponded (v1): the customer countered, accepted or declined the round's offer. */
export interface CustomerRespondedData {
  readonly complaintId: string;
  readonly round: number;
  readonly response: CustomerResponse;
  /** What the customer asks for instead (a counter-offer). */
  readonly demand?: string;
  readonly amount?: number;
  readonly note?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** CaseReferred (v1): the negotiation ended in third-party mediation (人民调解) or a court. */
export interface CaseReferredData {
  readonly complaintId: string;
  readonly to: ReferralTarget;
  readonly organisation: string;
  readonly reference?: string;
  readonly note?: string;
  readonly referredBy: string;
  readonly referredAt: string;
}

/** RemediesExecuted (v1): the agreed remedies carried out, each with what proves it. */
export interface RemediesExecutedData {
  readonly complaintId: string;
  readonly remedies: readonly ResolvedRemedy[];
  readonly note?: string;
  readonly executedBy: string;
  readonly executedAt: string;
}

/** CaseReopened (v1): follow-up reopened the complaint; the case is investigated again. */
export interface CaseReopenedData {
  readonly complaintId: string;
  readonly reason: string;
  readonly reopenedAt: string;
}

export type InvestigationPlanned = DomainEvent<'InvestigationPlanned', InvestigationPlannedData>;
export type CaseNoteAdded = DomainEvent<'CaseNoteAdded', CaseNoteAddedData>;
export type EvidenceAdded = DomainEvent<'EvidenceAdded', EvidenceAddedData>;
export type FindingRecorded = DomainEvent<'FindingRecorded', FindingRecordedData>;
export type ProposalSubmitted = DomainEvent<'ProposalSubmitted', ProposalSubmittedData>;
export type ProposalApproved = DomainEvent<'ProposalApproved', ProposalApprovedData>;
export type ProposalRejected = DomainEvent<'ProposalRejected', ProposalRejectedData>;
export type ProposalForwarded = DomainEvent<'ProposalForwarded', ProposalForwardedData>;
export type ProposalRevised = DomainEvent<'ProposalRevised', ProposalRevisedData>;
export type OfferMade = DomainEvent<'OfferMade', OfferMadeData>;
export type CustomerResponded = DomainEvent<'CustomerResponded', CustomerRespondedData>;
export type CaseReferred = DomainEvent<'CaseReferred', CaseReferredData>;
export type RemediesExecuted = DomainEvent<'RemediesExecuted', RemediesExecutedData>;
export type CaseReopened = DomainEvent<'CaseReopened', CaseReopenedData>;

/** Every event of a case stream (`caseStream(id)`). */
export type CaseEvent =
  | CustomerContacted
  | CaseWaitingStarted
  | CaseWaitingEnded
  | ComplaintResolved
  | InvestigationPlanned
  | CaseNoteAdded
  | EvidenceAdded
  | FindingRecorded
  | ProposalSubmitted
  | ProposalApproved
  | ProposalRejected
  | ProposalForwarded
  | ProposalRevised
  | OfferMade
  | CustomerResponded
  | CaseReferred
  | RemediesExecuted
  | CaseReopened;

/** The case events assignment keeps for itself (beside the milestones in `caseEventTypes`). */
export const caseWorkEventTypes: readonly EventContract[] = [
  { type: 'InvestigationPlanned', schemaVersion: 1, dataType: 'InvestigationPlannedData' },
  { type: 'CaseNoteAdded', schemaVersion: 1, dataType: 'CaseNoteAddedData' },
  { type: 'EvidenceAdded', schemaVersion: 1, dataType: 'EvidenceAddedData' },
  { type: 'FindingRecorded', schemaVersion: 1, dataType: 'FindingRecordedData' },
  { type: 'ProposalSubmitted', schemaVersion: 1, dataType: 'ProposalSubmittedData' },
  { type: 'ProposalApproved', schemaVersion: 1, dataType: 'ProposalApprovedData' },
  { type: 'ProposalRejected', schemaVersion: 1, dataType: 'ProposalRejectedData' },
  { type: 'ProposalForwarded', schemaVersion: 1, dataType: 'ProposalForwardedData' },
  { type: 'ProposalRevised', schemaVersion: 1, dataType: 'ProposalRevisedData' },
  { type: 'OfferMade', schemaVersion: 1, dataType: 'OfferMadeData' },
  { type: 'CustomerResponded', schemaVersion: 1, dataType: 'CustomerRespondedData' },
  { type: 'CaseReferred', schemaVersion: 1, dataType: 'CaseReferredData' },
  { type: 'RemediesExecuted', schemaVersion: 1, dataType: 'RemediesExecutedData' },
  { type: 'CaseReopened', schemaVersion: 1, dataType: 'CaseReopenedData' },
];

// ---------------------------------------------------------------- the tenant's case settings

/** One tier's authority: the most it approves in total, and per remedy type where that differs. */
export interface AuthorityLimit {
  readonly tier: ApprovalTier;
  /** Null: no limit. */
  readonly maxAmount: number | null;
  /** A remedy type's own limit (0: the tier approves none of it with money). */
  readonly remedyLimits: readonly { readonly remedyType: RemedyType; readonly maxAmount: number | null }[];
}

/** A root cause a finding may name. */
export interface RootCause {
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
}

/** A tenant's case-work settings: the currency, the authority limits per tier, the root causes. */
export interface CaseSettings {
  readonly currency: string;
  readonly authorityLimits: readonly AuthorityLimit[];
  readonly rootCauses: readonly RootCause[];
}

/** CaseSettingsChanged (v1): a tenant's case settings changed, with who and why. */
export interface CaseSettingsChangedData {
  readonly tenantId: string;
  readonly settings: CaseSettings;
  /** 1 for the tenant's first change, one more for each later one. */
  readonly version: number;
  readonly changedBy: string;
  readonly reason: string;
  readonly changedAt: string;
}

export type CaseSettingsChanged = DomainEvent<'CaseSettingsChanged', CaseSettingsChangedData>;

/** A tenant's case settings: every change, with who and why (`assignment-casesettings-<tenant>`). */
export const caseSettingsStream = (tenantId: string): string =>
  `${ASSIGNMENT_CATEGORY}-casesettings-${tenantId}`;

/** The events of tenants' case settings. */
export const caseSettingsEventTypes: readonly EventContract[] = [
  { type: 'CaseSettingsChanged', schemaVersion: 1, dataType: 'CaseSettingsChangedData' },
];
