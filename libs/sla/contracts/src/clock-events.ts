import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { SlaMilestone } from './events';

/** How long a milestone may take: calendar time, or working time on the tenant's calendar. */
export const SLA_UNITS = ['hours', 'days', 'weeks', 'working_hours', 'working_days'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

export interface SlaDuration {
  readonly amount: number;
  readonly unit: SlaUnit;
}

/** What pauses a complaint's clocks (case work's waiting reasons). */
export type SlaPauseReason = 'customer' | 'external_appraisal';

/** One milestone's current deadline. */
export interface SlaDeadline {
  readonly milestone: SlaMilestone;
  /** The target the policy set (plus any extension granted). */
  readonly target: SlaDuration;
  /** UTC ISO instant the milestone's clock started. */
  readonly startedAt: string;
  /** UTC ISO instant it is due. */
  readonly dueAt: string;
  /** UTC ISO instant the warning is raised (the policy's threshold of the time allowed). */
  readonly warnAt: string;
  /** True when the calendar had no official data for a year the deadline crosses (assumed days off). */
  readonly estimated: boolean;
  /** `government`: a 12345/12315 transfer's deadline was earlier than the policy's and wins. */
  readonly source: 'policy' | 'government';
}

/** SlaClockStarted (v1): the complaint was received; its clocks run from `startedAt`. */
export interface SlaClockStartedData {
  readonly complaintId: string;
  readonly startedAt: string;
  readonly channel: string;
  readonly branchId: string;
  /** The policy pack its targets come from. */
  readonly packId: string;
  readonly timeZone: string;
  /** A 12345/12315 transfer's deadline (UTC ISO instant). */
  readonly governmentDeadline?: string;
}

/** Why deadlines were (re)computed. */
export type SlaDeadlinesReason = 'started' | 'classified' | 'resumed' | 'extended' | 'reopened' | 're_review';

/**
 * SlaDeadlinesSet (v1): the current due instant of each milestone named (others unchanged): the
 * deadlines assignment's queues and follow-up read.
 */
export interface SlaDeadlinesSetData {
  readonly complaintId: string;
  readonly reason: SlaDeadlinesReason;
  readonly deadlines: readonly SlaDeadline[];
  readonly setAt: string;
  /** The classification the targets were picked by, once classified. */
  readonly severity?: string;
  readonly category?: string;
}

/** SlaClockPaused (v1): the case waits on the customer or an external appraisal; the clocks stop. */
export interface SlaClockPausedData {
  readonly complaintId: string;
  readonly reason: SlaPauseReason;
  readonly pausedAt: string;
}

/** SlaClockResumed (v1): the wait ended; the due instants move by the working time paused. */
export interface SlaClockResumedData {
  readonly complaintId: string;
  readonly reason: SlaPauseReason;
  readonly resumedAt: string;
  /** Elapsed milliseconds of this pause. */
  readonly pausedMs: number;
  /** Working milliseconds of this pause on the tenant's calendar. */
  readonly pausedWorkingMs: number;
}

/** SlaClockStopped (v1): the procedure ended (rejected, withdrawn, merged, closed); no more timers. */
export interface SlaClockStoppedData {
  readonly complaintId: string;
  readonly reason: 'rejected' | 'withdrawn' | 'merged' | 'resolved_on_the_spot' | 'closed';
  readonly stoppedAt: string;
}

/** SlaExtensionRequested (v1): more time asked for one milestone, with a reason. */
export interface SlaExtensionRequestedData {
  readonly complaintId: string;
  readonly milestone: SlaMilestone;
  readonly extendBy: SlaDuration;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** The role the policy names to decide it. */
  readonly approverRole: string;
}

/** SlaExtensionDecided (v1): the role the policy names granted or refused the extension. */
export interface SlaExtensionDecidedData {
  readonly complaintId: string;
  readonly milestone: SlaMilestone;
  readonly approved: boolean;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly note?: string;
}

export type SlaClockStarted = DomainEvent<'SlaClockStarted', SlaClockStartedData>;
export type SlaDeadlinesSet = DomainEvent<'SlaDeadlinesSet', SlaDeadlinesSetData>;
export type SlaClockPaused = DomainEvent<'SlaClockPaused', SlaClockPausedData>;
export type SlaClockResumed = DomainEvent<'SlaClockResumed', SlaClockResumedData>;
export type SlaClockStopped = DomainEvent<'SlaClockStopped', SlaClockStoppedData>;
export type SlaExtensionRequested = DomainEvent<'SlaExtensionRequested', SlaExtensionRequestedData>;
export type SlaExtensionDecided = DomainEvent<'SlaExtensionDecided', SlaExtensionDecidedData>;

/** The events of a complaint's clocks besides the signals (`SlaSignalEvent`). */
export type SlaClockEvent =
  | SlaClockStarted
  | SlaDeadlinesSet
  | SlaClockPaused
  | SlaClockResumed
  | SlaClockStopped
  | SlaExtensionRequested
  | SlaExtensionDecided;

/** The clock events on `slaStream`. */
export const slaClockEventTypes: readonly EventContract[] = [
  { type: 'SlaClockStarted', schemaVersion: 1, dataType: 'SlaClockStartedData' },
  { type: 'SlaDeadlinesSet', schemaVersion: 1, dataType: 'SlaDeadlinesSetData' },
  { type: 'SlaClockPaused', schemaVersion: 1, dataType: 'SlaClockPausedData' },
  { type: 'SlaClockResumed', schemaVersion: 1, dataType: 'SlaClockResumedData' },
  { type: 'SlaClockStopped', schemaVersion: 1, dataType: 'SlaClockStoppedData' },
  { type: 'SlaExtensionRequested', schemaVersion: 1, dataType: 'SlaExtensionRequestedData' },
  { type: 'SlaExtensionDecided', schemaVersion: 1, dataType: 'SlaExtensionDecidedData' },
];
