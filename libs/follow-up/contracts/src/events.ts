import type { DomainEvent } from '@kesu/kernel';

/** How a closed complaint ended (处理结果). */
export type ClosureOutcome = 'resolved' | 'partially_resolved' | 'unresolved';

/** Why a complaint was closed (结案原因). */
export const CLOSURE_REASONS = [
  'satisfied',
  'no_objection',
  'unreachable',
  're_review_upheld',
  'supervisor_decision',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * Follow-up's ComplaintClosed (v1) on `followup-complaint-<id>` (结案/办结): the complaint's case is
 * closed, and the closer confirmed (or corrected) its category as part of closing; classification
 * learns `finalCategory` as a human-confirmed training example. The envelope's `correlationId` is
 * the complaint id.
 */
export interface ComplaintClosedData {
  readonly complaintId: string;
  /** The user who closed the complaint. */
  readonly closedBy: string;
  /** UTC ISO instant. */
  readonly closedAt: string;
  readonly outcome: ClosureOutcome;
  /** The category confirmed at closing: a category code of the tenant's taxonomy. */
  readonly finalCategory: string;
  /** The closing summary (办结意见). */
  readonly summary?: string;
  /** Why it closed (absent on closures recorded before the reason was kept). */
  readonly reason?: ClosureReason;
}

/** Why a complaint was reopened. */
export const REOPEN_REASONS = [
  'unsatisfied',
  'remedy_not_received',
  'supervisor_decision',
  're_review',
] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

/**
 * Follow-up's ComplaintReopened (v1): after resolution (or closure) the complaint goes back to its
 * handler; case work resumes and the SLA clocks restart per policy.
 */
export interface ComplaintReopenedData {
  readonly complaintId: string;
  readonly reopenedBy: string;
  /** UTC ISO instant. */
  readonly reopenedAt: string;
  readonly reason: ReopenReason;
  /** How many times the complaint has been reopened, this one included. */
  readonly reopenCount: number;
  readonly note?: string;
}

/**
 * Follow-up's ReReviewRequested (v1) (复查申请): the customer asks for the decision to be reviewed;
 * a reviewer more senior than the original handler answers it by `answerDueBy`.
 */
export interface ReReviewRequestedData {
  readonly complaintId: string;
  readonly requestedAt: string;
  /** Who recorded the request (an agent, or `customer` through the self-service link). */
  readonly recordedBy: string;
  readonly reviewerId: string;
  readonly reason: string;
  /** UTC ISO instant the answer is due by (the policy's limit in working time). */
  readonly answerDueBy: string;
}

/** What a re-review decided. */
export type ReReviewOutcome = 'upheld' | 'changed';

/**
 * Follow-up's ReReviewDecided (v1): the reviewer upheld or changed the decision; a changed decision
 * reopens the case (`ComplaintReopened` with reason `re_review`) for the new remedy.
 */
export interface ReReviewDecidedData {
  readonly complaintId: string;
  readonly reviewerId: string;
  /** UTC ISO instant. */
  readonly decidedAt: string;
  readonly outcome: ReReviewOutcome;
  readonly explanation: string;
}

/** The customer's answer to 'are you satisfied?' (满意 / 基本满意 / 不满意). */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/**
 * Follow-up's SatisfactionRecorded (v1): the customer's satisfaction, from the callback (回访) or the
 * self-service survey. Analytics counts `surveyed` and `satisfied` from it.
 */
export interface SatisfactionRecordedData {
  readonly complaintId: string;
  /** UTC ISO instant. */
  readonly recordedAt: string;
  /** The agent who called back, or `customer` for the self-service survey. */
  readonly recordedBy: string;
  readonly via: 'callback' | 'survey';
  readonly satisfaction: SatisfactionLevel;
  /** 1–5, when the customer gave one. */
  readonly score?: number;
  /** Whether the agreed remedy reached the customer, when asked. */
  readonly remedyReceived?: boolean;
  /** The customer's words (personal data: never shown to analysts or regulators). */
  readonly comment?: string;
}

export type ComplaintClosed = DomainEvent<'ComplaintClosed', ComplaintClosedData>;
export type SatisfactionRecorded = DomainEvent<'SatisfactionRecorded', SatisfactionRecordedData>;
export type ComplaintReopened = DomainEvent<'ComplaintReopened', ComplaintReopenedData>;
export type ReReviewRequested = DomainEvent<'ReReviewRequested', ReReviewRequestedData>;
export type ReReviewDecided = DomainEvent<'ReReviewDecided', ReReviewDecidedData>;

export type FollowUpEvent =
  ComplaintClosed | ComplaintReopened | ReReviewRequested | ReReviewDecided | SatisfactionRecorded;
