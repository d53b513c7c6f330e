import { type BusinessCalendar, chinaMainlandCalendar, workingTimeBetween } from '@kesu/calendar';
import { assertNever } from '@kesu/kernel';
import type {
  SlaClockPaused,
  SlaClockResumed,
  SlaClockStarted,
  SlaClockStopped,
  SlaDeadlinesSet,
  SlaDuration,
  SlaMilestone,
  SlaSignalEvent,
} from '@kesu/sla-contracts';
import type { ComplaintView, SlaState } from './complaint-view';

// ---------------------------------------------------------------- the fold of the SLA service's events

/** One milestone's time limit as the view shows it. */
export interface SlaMilestoneView {
  readonly target: SlaDuration;
  readonly startedAt: string;
  readonly dueAt: string;
  /** When it was met (null while it runs). */
  readonly actual: string | null;
  readonly onTime: boolean | null;
  readonly warned: boolean;
  readonly breached: boolean;
  /**
   * Working time left to the due instant (negative: overdue) on mainland China's calendar in the
   * clock's zone: when it was met, or as of the view's last SLA event while it runs (`asOf`).
   */
  readonly remainingWorkingMs: number;
  /** True when a year without official calendar data was assumed. */
  readonly estimated: boolean;
}

/** The complaint's time limits (api.md `sla`), as the SLA service's clocks record them. */
export interface SlaView {
  /** When the customer hears from us at the latest: the respond milestone, else first contact, else the acknowledgement. */
  readonly respondBy: string;
  readonly resolveBy: string | null;
  readonly state: SlaState;
  readonly milestones?: Partial<Record<SlaMilestone, SlaMilestoneView>>;
  /** Elapsed time the clocks were paused (waiting on the customer or an appraisal), excluded. */
  readonly pausedMs?: number;
  readonly pausedSince?: string | null;
  readonly timeZone?: string;
  /** The instant the remaining times were measured at. */
  readonly asOf?: string;
}

/** The SLA service's events the view folds (extension requests change nothing it shows until decided). */
export type SlaViewEvent =
  SlaClockStarted | SlaDeadlinesSet | SlaClockPaused | SlaClockResumed | SlaClockStopped | SlaSignalEvent;

export const SLA_VIEW_TYPES: readonly SlaViewEvent['type'][] = [
  'SlaClockStarted',
  'SlaDeadlinesSet',
  'SlaClockPaused',
  'SlaClockResumed',
  'SlaClockStopped',
  'SlaWarningRaised',
  'SlaBreached',
  'SlaMilestoneMet',
];

const RESPOND_ORDER: readonly SlaMilestone[] = ['respond', 'first_contact', 'acknowledge'];

/** Mainland China's calendar in each zone a clock ran in, one object per zone. */
const calendars = new Map<string, BusinessCalendar>();

function remaining(timeZone: string, from: string, dueAt: string): number {
  let calendar = calendars.get(timeZone);
  if (!calendar) calendars.set(timeZone, (calendar = { ...chinaMainlandCalendar(), timeZone }));
  return from <= dueAt
    ? workingTimeBetween(calendar, from, dueAt).ms
    : -workingTimeBetween(calendar, dueAt, from).ms;
}

/** The state a complaint's clocks are in. */
function stateOf(sla: SlaView): SlaState {
  const all = Object.values(sla.milestones ?? {});
  const open = all.filter((m) => m.actual === null && !m.breached);
  if (all.some((m) => m.actual === null && m.breached)) return 'breached';
  if (sla.pausedSince) return 'paused';
  if (open.some((m) => m.warned)) return 'at_risk';
  if (sla.milestones?.resolve?.actual) return 'met';
  return 'on_track';
}

function withSlaTimes(sla: SlaView): SlaView {
  const ms = sla.milestones ?? {};
  const respond = RESPOND_ORDER.map((m) => ms[m]).find((m) => m !== undefined);
  return {
    ...sla,
    respondBy: respond?.dueAt ?? sla.respondBy,
    resolveBy: ms.resolve?.dueAt ?? sla.resolveBy,
    state: stateOf(sla),
  };
}

/** An SLA event of the complaint, recorded at `at`. */
export function applySla(view: ComplaintView, event: SlaViewEvent, at: string): ComplaintView {
  const sla: SlaView = view.sla;
  const zone = sla.timeZone ?? 'Asia/Shanghai';
  const milestones = { ...(sla.milestones ?? {}) };
  const change = (m: SlaMilestone, patch: Partial<SlaMilestoneView>) => {
    const current = milestones[m];
    if (current) milestones[m] = { ...current, ...patch };
  };
  let next: SlaView = { ...sla, milestones, asOf: at };
  switch (event.type) {
    case 'SlaClockStarted':
      next = { ...next, timeZone: event.data.timeZone, pausedMs: 0, pausedSince: null };
      break;
    case 'SlaDeadlinesSet':
      for (const d of event.data.deadlines) {
        const before = milestones[d.milestone];
        const fresh = event.data.reason === 'reopened' || event.data.reason === 're_review';
        milestones[d.milestone] = {
          target: d.target,
          startedAt: d.startedAt,
          dueAt: d.dueAt,
          actual: null,
          onTime: null,
          warned: !fresh && !!before?.warned && before.dueAt === d.dueAt,
          breached: !fresh && !!before?.breached,
          remainingWorkingMs: remaining(zone, at, d.dueAt),
          estimated: d.estimated,
        };
      }
      break;
    case 'SlaClockPaused':
      next = { ...next, pausedSince: event.data.pausedAt };
      break;
    case 'SlaClockResumed':
      next = { ...next, pausedSince: null, pausedMs: (sla.pausedMs ?? 0) + event.data.pausedMs };
      break;
    case 'SlaClockStopped':
      break;
    case 'SlaWarningRaised':
      change(event.data.milestone, {
        warned: true,
        remainingWorkingMs: remaining(zone, event.data.raisedAt, event.data.dueAt),
      });
      break;
    case 'SlaBreached':
      change(event.data.milestone, {
        breached: true,
        remainingWorkingMs: remaining(zone, event.data.breachedAt, event.data.dueAt),
      });
      break;
    case 'SlaMilestoneMet':
      change(event.data.milestone, {
        actual: event.data.metAt,
        onTime: event.data.onTime,
        remainingWorkingMs: remaining(zone, event.data.metAt, event.data.dueAt),
      });
      break;
    default:
      return assertNever(event);
  }
  return { ...view, sla: withSlaTimes(next) };
}
