import type { KpiCounts } from './kpi-rollup';

// ---------------------------------------------------------------- the month tier of the rollups
//
// Beside each day cell the rollups keep its month cell: the same unit and dimensions, the month
// (`YYYY-MM`) instead of the day, counting the sum of the month's day cells. A query over whole
// months reads the month cells, and day cells only at the ragged edges of its window.

/** A window of days (`YYYY-MM-DD`), inclusive. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** What a window of days is read from: whole months (`YYYY-MM`, inclusive) and the days outside them. */
export interface TieredWindow {
  readonly months: DayRange | null;
  readonly days: readonly DayRange[];
}

/** The month cell's id of a day cell's id (`unit|YYYY-MM-DD|…` → `unit|YYYY-MM|…`). */
export function monthCellIdOf(dayCellId: string): string {
  const first = dayCellId.indexOf('|');
  return dayCellId.slice(0, first + 8) + dayCellId.slice(first + 11);
}

/** The month cells' changes of day cells' changes: summed per month cell, zeros left out. */
export function monthDelta(dayDelta: ReadonlyMap<string, KpiCounts>): Map<string, KpiCounts> {
  const months = new Map<string, KpiCounts>();
  for (const [id, change] of dayDelta) {
    const monthId = monthCellIdOf(id);
    const counts = months.get(monthId) ?? {};
    for (const [counter, value] of Object.entries(change)) counts[counter] = (counts[counter] ?? 0) + value;
    months.set(monthId, counts);
  }
  for (const [id, counts] of months) {
    for (const [counter, value] of Object.entries(counts)) if (value === 0) delete counts[counter];
    if (Object.keys(counts).length === 0) months.delete(id);
  }
  return months;
}

const DAY_MS = 86_400_000;
const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
/** The first day of the month after `day`'s. */
const nextMonthStart = (day: string): string => {
  const date = new Date(msOf(`${day.slice(0, 7)}-01`));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return dayAt(date.getTime());
};

/**
 * The coarsest cells that cover a window exactly: the months lying wholly inside it, and the days
 * before the first and after the last of them (all days when no month lies wholly inside).
 */
export function tiersOf({ from, to }: DayRange): TieredWindow {
  const firstMonthStart = from.endsWith('-01') ? from : nextMonthStart(from);
  const afterTo = dayAt(msOf(to) + DAY_MS);
  const lastMonthEnd = afterTo.endsWith('-01') ? to : dayAt(msOf(`${to.slice(0, 7)}-01`) - DAY_MS);
  if (firstMonthStart > lastMonthEnd) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from < firstMonthStart) days.push({ from, to: dayAt(msOf(firstMonthStart) - DAY_MS) });
  if (lastMonthEnd < to) days.push({ from: dayAt(msOf(lastMonthEnd) + DAY_MS), to });
  return { months: { from: firstMonthStart.slice(0, 7), to: lastMonthEnd.slice(0, 7) }, days };
}
