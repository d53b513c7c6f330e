import type { DomainEvent } from '@kesu/kernel';

/**
 * CallbackScheduled (v1): case work resolved the complaint (`ComplaintResolved`); follow-up holds
 * the resolution and the windows the tenant's settings give it: the callback (回访) due, the closing
 * when nobody objects, the re-review request window.
 */
export interface CallbackScheduledData {
  readonly complaintId: string;
  readonly resolvedAt: string;
  readonly resolvedBy: string;
  /** The resolution as the customer is told it (书面回复). */
  readonly summary: string;
  /** UTC ISO instant the callback is due by. */
  readonly dueAt: string;
  /** Closed with reason `no_objection` at this instant unless the customer answered or objected. */
  readonly closesWithoutObjectionAt: string;
  /** A re-review may be requested until this instant. */
  readonly reReviewRequestBy: string;
  /** The most callback tries before the customer counts as unreachable. */
  readonly maxAttempts: number;
}

/** CallbackAttempted (v1): an agent called and did not reach the customer (try `attempt`, from 1). */
export interface CallbackAttemptedData {
  readonly complaintId: string;
  readonly attempt: number;
  readonly attemptedBy: string;
  readonly attemptedAt: string;
  readonly note?: string;
}

/** CustomerUnreachable (v1): the callback's tries are used up; the complaint closes as unreachable. */
export interface CustomerUnreachableData {
  readonly complaintId: string;
  readonly attempts: number;
  readonly recordedAt: string;
}

/** SurveyLinkIssued (v1): a signed, expiring, single-use self-service survey link was issued. */
export interface SurveyLinkIssuedData {
  readonly complaintId: string;
  readonly tokenId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

/** SurveyLinkAnswered (v1): the link was used (it cannot be used again). */
export interface SurveyLinkAnsweredData {
  readonly complaintId: string;
  readonly tokenId: string;
  readonly answeredAt: string;
}

export type CallbackScheduled = DomainEvent<'CallbackScheduled', CallbackScheduledData>;
export type CallbackAttempted = DomainEvent<'CallbackAttempted', CallbackAttemptedData>;
export type CustomerUnreachable = DomainEvent<'CustomerUnreachable', CustomerUnreachableData>;
export type SurveyLinkIssued = DomainEvent<'SurveyLinkIssued', SurveyLinkIssuedData>;
export type SurveyLinkAnswered = DomainEvent<'SurveyLinkAnswered', SurveyLinkAnsweredData>;

/** The callback's and survey's internal events on a complaint's follow-up stream. */
export type CallbackEvent =
  CallbackScheduled | CallbackAttempted | CustomerUnreachable | SurveyLinkIssued | SurveyLinkAnswered;
