import { addWorkingDays, addWorkingTime, type BusinessCalendar, workingTimeBetween } from '@kesu/calendar';
import type { SlaDeadline, SlaDuration, SlaMilestone } from '@kesu/sla-contracts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Whether a duration counts working time only. */
export const isWorkingTime = (d: SlaDuration): boolean =>
  d.unit === 'working_hours' || d.unit === 'working_days';

/** The instant `within` after `from` on the calendar, flagged when an assumed year was crossed. */
export function dueAfter(
  calendar: BusinessCalendar,
  from: string,
  within: SlaDuration,
): { at: string; estimated: boolean } {
  const start = Date.parse(from);
  switch (within.unit) {
    case 'hours':
      return { at: iso(start + within.amount * HOUR), estimated: false };
    case 'days':
      return { at: iso(start + within.amount * 24 * HOUR), estimated: false };
    case 'weeks':
      return { at: iso(start + within.amount * 7 * 24 * HOUR), estimated: false };
    case 'working_hours':
      return addWorkingTime(calendar, from, within.amount * HOUR);
    case 'working_days':
      return addWorkingDays(calendar, from, within.amount);
  }
}

/** The instant `threshold` of the time allowed from `from` to `due`: in working time for a working-time target. */
export function warnBefore(
  calendar: BusinessCalendar,
  from: string,
  due: string,
  within: SlaDuration,
  threshold: number,
): string {
  if (isWorkingTime(within)) {
    const allowed = workingTimeBetween(calendar, from, due).ms;
    return addWorkingTime(calendar, from, Math.floor(allowed * threshold)).at;
  }
  const start = Date.parse(from);
  return iso(start + Math.floor((Date.parse(due) - start) * threshold));
}

/** Adds two durations of the same unit (an extension to its target). */
export function plus(a: SlaDuration, b: SlaDuration): SlaDuration {
  if (a.unit !== b.unit) throw new Error(`cannot add ${b.unit} to ${a.unit}`);
  return { amount: a.amount + b.amount, unit: a.unit };
}

/**
 * A milestone's deadline from `startedAt`: the target on the calendar, unless a government
 * deadline (a 12345/12315 transfer's) is earlier.
 */
export function deadlineOf(
  calendar: BusinessCalendar,
  milestone: SlaMilestone,
  startedAt: string,
  target: SlaDuration,
  threshold: number,
  governmentDeadline?: string,
): SlaDeadline {
  const due = dueAfter(calendar, startedAt, target);
  const government = governmentDeadline !== undefined && Date.parse(governmentDeadline) < Date.parse(due.at);
  const dueAt = government ? iso(Date.parse(governmentDeadline)) : due.at;
  const warnAt = government
    ? iso(
        Date.parse(startedAt) +
          Math.max(0, Math.floor((Date.parse(dueAt) - Date.parse(startedAt)) * threshold)),
      )
    : warnBefore(calendar, startedAt, dueAt, target, threshold);
  return {
    milestone,
    target,
    startedAt,
    dueAt,
    warnAt,
    estimated: !government && due.estimated,
    source: government ? 'government' : 'policy',
  };
}
