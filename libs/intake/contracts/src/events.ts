import type { DomainEvent } from '@kesu/kernel';
import type { PersonalMentionKind } from '@kesu/text';

// ---------------------------------------------------------------- vocabulary

export const CHANNELS = [
  'hotline',
  'web',
  'email',
  'walk_in',
  'letter',
  'social_media',
  'gov_hotline_12345',
  'gov_12315',
  'media',
  'transfer',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const SUBJECT_TYPES = ['product', 'service', 'staff', 'facility', 'billing', 'other'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const EMOTIONS = ['calm', 'upset', 'angry'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Personal data of the complainant, sealed with the person's data key (see `sealPersonalData`). */
export interface SealedComplainant {
  /** Whose data key seals it: erasing that key erases the complainant's details everywhere. */
  readonly subjectId: string;
  readonly sealed: string;
}

/** The complainant's details as the agent took them down. */
export interface ComplainantDetails {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  readonly customerId?: string;
}

/**
 * Why a complaint is not accepted (不予受理), as codes; each comes with a free-text explanation
 * that is sent to the customer.
 */
export const REJECTION_REASONS = [
  'not_in_scope',
  'duplicate',
  'resolved_elsewhere',
  'no_factual_basis',
  'false_information',
  'withdrawn',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * What a channel brings beyond the common fields. Government transfers (12345/12315) carry the
 * external work-order number, when it was transferred and the deadline the government set; media
 * exposures the outlet and link; walk-ins the reception point; letters the day they arrived;
 * transfers from a superior department that department and its reference; social media the
 * platform and the account.
 */
export interface ChannelDetails {
  readonly externalOrderNo?: string;
  readonly transferredAt?: string;
  readonly governmentDeadline?: string;
  readonly outlet?: string;
  readonly link?: string;
  readonly receptionPoint?: string;
  /** A calendar date (YYYY-MM-DD) in the tenant's time zone. */
  readonly letterReceivedOn?: string;
  readonly fromOrganisation?: string;
  readonly platform?: string;
  readonly account?: string;
}

// ---------------------------------------------------------------- events

export interface ComplaintReceivedData {
  readonly complaintId: string;
  /** Human-readable number read back to the customer, e.g. `KS-20261123-000042`. */
  readonly reference: string;
  readonly channel: Channel;
  /** The channel's own fields (see ChannelDetails), when it has any. */
  readonly channelDetails?: ChannelDetails;
  readonly branchId: string;
  readonly complainant: SealedComplainant;
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly description: string;
  readonly occurredAt?: string;
  readonly location?: string;
  readonly expectedRemedy?: string;
  readonly emotion?: Emotion;
  readonly complainantCount: number;
  readonly language: Language;
  readonly receivedAt: string;
  /** What the customer was told: when they will hear from us at the latest (明确告知). */
  readonly acknowledgement: { readonly respondBy: string };
  /**
   * The kinds of mentions in the complaint's free text that are personal data, as the tenant's
   * policy marked them when it was registered. Absent on complaints registered before it was kept:
   * `DEFAULT_PERSONAL_MENTIONS`.
   */
  readonly personalMentions?: readonly PersonalMentionKind[];
}

/** The fields a read-back (复述确认) may correct; the complainant's details come sealed again. */
export interface RecordCorrections {
  readonly complainant?: SealedComplainant;
  readonly subject?: { readonly type: SubjectType; readonly name?: string };
  readonly description?: string;
  readonly occurredAt?: string;
  readonly location?: string;
  readonly expectedRemedy?: string;
  readonly emotion?: Emotion;
  readonly complainantCount?: number;
}

/** The complainant heard the record read back and confirmed it as it stands. */
export interface RecordConfirmedData {
  readonly complaintId: string;
  readonly confirmedAt: string;
}

/**
 * The complainant corrected the record when it was read back; the original stays in the
 * history, the view shows the corrected values. The corrected record counts as confirmed.
 */
export interface RecordCorrectedData {
  readonly complaintId: string;
  readonly corrections: RecordCorrections;
  readonly correctedAt: string;
}

/** Resolved at first contact (当场处理) with the remedy given; it counts in every statistic. */
export interface ComplaintResolvedOnTheSpotData {
  readonly complaintId: string;
  readonly remedy: string;
  readonly resolvedAt: string;
}

export interface ComplaintAcceptedData {
  readonly complaintId: string;
  /** What the person who accepted it noted, for the case workers (internal). */
  readonly note?: string;
  readonly acceptedAt: string;
}

export interface ComplaintRejectedData {
  readonly complaintId: string;
  readonly reason: RejectionReason;
  /** Sent to the customer, in their language. */
  readonly explanation: string;
  /** Decided by a rule (scope list, exact duplicate) rather than by a person. */
  readonly automatic: boolean;
  /**
   * The user (id) who rejected it, who may not also decide an appeal against it (four-eyes
   * principle). None for an automatic rejection, nor on rejections recorded before it was kept.
   */
  readonly rejectedBy?: string;
  readonly rejectedAt: string;
}

/** The complainant contests the rejection; a supervisor decides. Allowed once. */
export interface RejectionAppealedData {
  readonly complaintId: string;
  readonly grounds: string;
  readonly appealedAt: string;
}

export interface AppealDecidedData {
  readonly complaintId: string;
  /** `overturned`: the complaint is accepted after all; `upheld`: the rejection stands, for good. */
  readonly outcome: 'upheld' | 'overturned';
  readonly explanation: string;
  /**
   * The user (id) who decided the appeal: never the one who rejected the complaint. None on
   * decisions recorded before it was kept.
   */
  readonly decidedBy?: string;
  readonly decidedAt: string;
}

/** The complainant withdrew the complaint; the procedure ends. */
export interface ComplaintWithdrawnData {
  readonly complaintId: string;
  readonly reason: string;
  readonly withdrawnAt: string;
}

/**
 * The same complainant about the same subject while an earlier complaint is still open: this one
 * is merged into it (linked, not counted twice).
 */
export interface ComplaintMergedAsDuplicateData {
  readonly complaintId: string;
  readonly duplicateOf: string;
  readonly duplicateOfReference: string;
  /** Text similarity of the two descriptions, 0–1. */
  readonly similarity: number;
  readonly mergedAt: string;
}

/** On the open complaint: a later duplicate was merged into it. */
export interface DuplicateLinkedData {
  readonly complaintId: string;
  readonly duplicateComplaintId: string;
  readonly duplicateReference: string;
  readonly linkedAt: string;
}

/**
 * The same complainant about the same subject after an earlier complaint was closed: a new
 * complaint, linked to the old one and flagged (an escalation signal and a statistic).
 */
export interface RepeatComplaintFlaggedData {
  readonly complaintId: string;
  readonly repeatOf: string;
  readonly repeatOfReference: string;
  readonly similarity: number;
  readonly flaggedAt: string;
}

export type ComplaintReceived = DomainEvent<'ComplaintReceived', ComplaintReceivedData>;
export type RecordConfirmed = DomainEvent<'RecordConfirmed', RecordConfirmedData>;
export type RecordCorrected = DomainEvent<'RecordCorrected', RecordCorrectedData>;
export type ComplaintResolvedOnTheSpot = DomainEvent<
  'ComplaintResolvedOnTheSpot',
  ComplaintResolvedOnTheSpotData
>;
export type ComplaintAccepted = DomainEvent<'ComplaintAccepted', ComplaintAcceptedData>;
export type ComplaintRejected = DomainEvent<'ComplaintRejected', ComplaintRejectedData>;
export type RejectionAppealed = DomainEvent<'RejectionAppealed', RejectionAppealedData>;
export type AppealDecided = DomainEvent<'AppealDecided', AppealDecidedData>;
export type ComplaintWithdrawn = DomainEvent<'ComplaintWithdrawn', ComplaintWithdrawnData>;
export type ComplaintMergedAsDuplicate = DomainEvent<
  'ComplaintMergedAsDuplicate',
  ComplaintMergedAsDuplicateData
>;
export type DuplicateLinked = DomainEvent<'DuplicateLinked', DuplicateLinkedData>;
export type RepeatComplaintFlagged = DomainEvent<'RepeatComplaintFlagged', RepeatComplaintFlaggedData>;

export type IntakeEvent =
  | ComplaintReceived
  | RecordConfirmed
  | RecordCorrected
  | ComplaintResolvedOnTheSpot
  | ComplaintAccepted
  | ComplaintRejected
  | RejectionAppealed
  | AppealDecided
  | ComplaintWithdrawn
  | ComplaintMergedAsDuplicate
  | DuplicateLinked
  | RepeatComplaintFlagged;

// ---------------------------------------------------------------- statuses

/**
 * Where a complaint stands in intake. `received` waits for the accept/reject decision; `accepted`
 * hands it to case work; `rejected` may be appealed once (`appealed`), after which the decision is
 * final; `withdrawn`, `merged` (a duplicate) and `resolved_on_the_spot` end intake's part.
 */
export const INTAKE_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'appealed',
  'withdrawn',
  'merged',
  'resolved_on_the_spot',
] as const;
export type IntakeStatus = 'none' | (typeof INTAKE_STATUSES)[number];
