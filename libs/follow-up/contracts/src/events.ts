import type { DomainEvent } from '@kesu/kernel';

/** How a closed complaint ended (处理结果). */
export type ClosureOutcome = 'resolved' | 'partially_resolved' | 'unresolved';

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
}

export type ComplaintClosed = DomainEvent<'ComplaintClosed', ComplaintClosedData>;

export type FollowUpEvent = ComplaintClosed;
