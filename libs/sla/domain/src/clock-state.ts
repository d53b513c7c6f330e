import { assertNever } from '@kesu/kernel';
import type {
  SlaClockEvent,
  SlaDeadline,
  SlaExtensionRequestedData,
  SlaMilestone,
  SlaPauseReason,
  SlaSignalEvent,
} from '@kesu/sla-contracts';

/** Every event of a complaint's clock stream. */
export type SlaStreamEvent = SlaClockEvent | SlaSignalEvent;

/** One milestone's clock: its deadline, whether it was warned of or breached, and when it was met. */
export interface MilestoneClock extends SlaDeadline {
  readonly warned: boolean;
  readonly breached: boolean;
  readonly metAt?: string;
  readonly onTime?: boolean;
  /** The procedure ended with the milestone unmet: its timers no longer run. */
  readonly ended?: boolean;
}

/** A complaint's clocks as their events leave them. */
export interface SlaClockState {
  readonly started: boolean;
  readonly complaintId: string;
  readonly branchId: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly governmentDeadline?: string;
  readonly severity?: string;
  readonly category?: string;
  readonly milestones: Partial<Record<SlaMilestone, MilestoneClock>>;
  readonly pause: { readonly since: string; readonly reason: SlaPauseReason } | null;
  /** Elapsed and working milliseconds of every pause that ended. */
  readonly pausedMs: number;
  readonly pausedWorkingMs: number;
  readonly stopped: boolean;
  readonly pendingExtension: SlaExtensionRequestedData | null;
}

export const initialClockState = (): SlaClockState => ({
  started: false,
  complaintId: '',
  branchId: '',
  channel: '',
  receivedAt: '',
  milestones: {},
  pause: null,
  pausedMs: 0,
  pausedWorkingMs: 0,
  stopped: false,
  pendingExtension: null,
});

const FRESH_REASONS = ['reopened', 're_review'];

function withMilestone(
  state: SlaClockState,
  milestone: SlaMilestone,
  change: (m: MilestoneClock) => MilestoneClock,
): SlaClockState {
  const current = state.milestones[milestone];
  return current ? { ...state, milestones: { ...state.milestones, [milestone]: change(current) } } : state;
}

/** Folds one event into a complaint's clocks. */
export function evolveClock(state: SlaClockState, event: SlaStreamEvent): SlaClockState {
  switch (event.type) {
    case 'SlaClockStarted': {
      const d = event.data;
      return {
        ...state,
        started: true,
        complaintId: d.complaintId,
        branchId: d.branchId,
        channel: d.channel,
        receivedAt: d.startedAt,
        governmentDeadline: d.governmentDeadline,
      };
    }
    case 'SlaDeadlinesSet': {
      const fresh = FRESH_REASONS.includes(event.data.reason);
      const milestones = { ...state.milestones };
      for (const d of event.data.deadlines) {
        const before = fresh ? undefined : milestones[d.milestone];
        milestones[d.milestone] = {
          ...d,
          warned: !!before?.warned && before.warnAt === d.warnAt,
          breached: !!before?.breached,
        };
      }
      const { severity = state.severity, category = state.category } = event.data;
      const stopped = state.stopped && event.data.reason !== 'reopened';
      return { ...state, milestones, severity, category, stopped };
    }
    case 'SlaWarningRaised':
      return withMilestone(state, event.data.milestone, (m) => ({ ...m, warned: true }));
    case 'SlaBreached':
      return withMilestone(state, event.data.milestone, (m) => ({ ...m, warned: true, breached: true }));
    case 'SlaMilestoneMet':
      return withMilestone(state, event.data.milestone, (m) => ({
        ...m,
        metAt: event.data.metAt,
        onTime: event.data.onTime,
      }));
    case 'SlaClockPaused':
      return { ...state, pause: { since: event.data.pausedAt, reason: event.data.reason } };
    case 'SlaClockResumed':
      return {
        ...state,
        pause: null,
        pausedMs: state.pausedMs + event.data.pausedMs,
        pausedWorkingMs: state.pausedWorkingMs + event.data.pausedWorkingMs,
      };
    case 'SlaClockStopped': {
      const milestones = Object.fromEntries(
        Object.entries(state.milestones).map(([k, m]) => [
          k,
          m.metAt === undefined ? { ...m, ended: true } : m,
        ]),
      );
      return { ...state, stopped: true, milestones };
    }
    case 'SlaExtensionRequested':
      return { ...state, pendingExtension: event.data };
    case 'SlaExtensionDecided':
      return { ...state, pendingExtension: null };
    default:
      return assertNever(event);
  }
}

/** Whether a milestone still runs: set, not met, the procedure not over. */
export const isOpen = (state: SlaClockState, m: MilestoneClock | undefined): m is MilestoneClock =>
  !!m && m.metAt === undefined && !m.ended && !state.stopped;

/**
 * The next instant a timer of the clock fires (a warning or a breach), or null when none will: the
 * clocks are paused, stopped, or every milestone is met or breached. The scheduler's index holds it.
 */
export function nextTimerOf(state: SlaClockState): string | null {
  if (!state.started || state.pause || state.stopped) return null;
  let next: string | null = null;
  for (const m of Object.values(state.milestones)) {
    if (!isOpen(state, m) || m.breached) continue;
    const at = m.warned ? m.dueAt : m.warnAt;
    if (next === null || at < next) next = at;
  }
  return next;
}
