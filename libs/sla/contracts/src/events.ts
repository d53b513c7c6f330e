import type { DomainEvent } from '@kesu/kernel';

/** The time limits a complaint is held to (domain.md "Time limits"). */
export const SLA_MILESTONES = [
  'acknowledge',
  'first_contact',
  'respond',
  'resolve',
  'investigation',
  're_review_answer',
] as const;
export type SlaMilestone = (typeof SLA_MILESTONES)[number];

/** SlaWarningRaised (v1): a milestone's clock passed the policy's warning threshold, still unmet. */
export interface SlaWarningRaisedData {
  readonly complaintId: string;
  readonly milestone: SlaMilestone;
  /** UTC ISO instant the milestone is due. */
  readonly dueAt: string;
  /** UTC ISO instant the warning was raised. */
  readonly raisedAt: string;
  /** Set when the timer fired after its instant (the process was down then). */
  readonly late?: boolean;
}

/** SlaBreached (v1): a milestone's due instant passed unmet. */
export interface SlaBreachedData {
  readonly complaintId: string;
  readonly milestone: SlaMilestone;
  readonly dueAt: string;
  /** UTC ISO instant the breach was recorded. */
  readonly breachedAt: string;
  readonly late?: boolean;
}

/** SlaMilestoneMet (v1): a milestone was reached, on time or not. */
export interface SlaMilestoneMetData {
  readonly complaintId: string;
  readonly milestone: SlaMilestone;
  readonly dueAt: string;
  readonly metAt: string;
  readonly onTime: boolean;
}

export type SlaWarningRaised = DomainEvent<'SlaWarningRaised', SlaWarningRaisedData>;
export type SlaBreached = DomainEvent<'SlaBreached', SlaBreachedData>;
export type SlaMilestoneMet = DomainEvent<'SlaMilestoneMet', SlaMilestoneMetData>;

/** The SLA events other services react to (escalation, staff notices, on-time rates). */
export type SlaSignalEvent = SlaWarningRaised | SlaBreached | SlaMilestoneMet;
