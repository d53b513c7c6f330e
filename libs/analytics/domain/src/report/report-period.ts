import { DateTime } from 'luxon';

// ---------------------------------------------------------------- the periods reports cover

/** How long a report's period is: a calendar month or a quarter of the tenant's calendar. */
export type ReportKind = 'monthly' | 'quarterly';
export const REPORT_KINDS: readonly ReportKind[] = ['monthly', 'quarterly'];

/** A month `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A quarter `YYYY-Qn`. */
export const QUARTER = /^\d{4}-Q[1-4]$/;

/** A report's period: its label (`2026-11`, `2026-Q4`) and its days, inclusive. */
export interface ReportPeriod {
  readonly kind: ReportKind;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

const firstMonthOf = (kind: ReportKind, label: string): DateTime =>
  kind === 'monthly'
    ? DateTime.fromISO(`${label}-01`, { zone: 'UTC' })
    : DateTime.fromObject(
        { year: Number(label.slice(0, 4)), month: (Number(label.slice(6)) - 1) * 3 + 1, day: 1 },
        { zone: 'UTC' },
      );

const monthsIn = (kind: ReportKind): number => (kind === 'monthly' ? 1 : 3);

const labelOf = (kind: ReportKind, start: DateTime): string =>
  kind === 'monthly' ? start.toFormat('yyyy-MM') : `${start.year}-Q${Math.ceil(start.month / 3)}`;

const periodFrom = (kind: ReportKind, start: DateTime): ReportPeriod => ({
  kind,
  label: labelOf(kind, start),
  from: start.toISODate()!,
  to: start
    .plus({ months: monthsIn(kind) })
    .minus({ days: 1 })
    .toISODate()!,
});

/** Whether a label names a period of this kind (`YYYY-MM` or `YYYY-Qn`). */
export const isPeriodLabel = (kind: ReportKind, label: string): boolean =>
  (kind === 'monthly' ? MONTH : QUARTER).test(label);

/** The period a label names. */
export const reportPeriodOf = (kind: ReportKind, label: string): ReportPeriod =>
  periodFrom(kind, firstMonthOf(kind, label));

/** The period before (环比). */
export const previousPeriodOf = (period: ReportPeriod): ReportPeriod =>
  periodFrom(
    period.kind,
    DateTime.fromISO(period.from, { zone: 'UTC' }).minus({ months: monthsIn(period.kind) }),
  );

/** The same period a year before (同比). */
export const samePeriodLastYearOf = (period: ReportPeriod): ReportPeriod =>
  periodFrom(period.kind, DateTime.fromISO(period.from, { zone: 'UTC' }).minus({ years: 1 }));

/** The last period of this kind that ended before a day (`YYYY-MM-DD`). */
export const lastEndedPeriod = (kind: ReportKind, day: string): ReportPeriod => {
  const today = DateTime.fromISO(day, { zone: 'UTC' });
  const current = kind === 'monthly' ? today.startOf('month') : today.startOf('quarter');
  return periodFrom(kind, current.minus({ months: monthsIn(kind) }));
};

/** How a trend inside the period is bucketed: by day in a month, by month in a quarter. */
export const trendGrainOf = (kind: ReportKind): 'day' | 'month' => (kind === 'monthly' ? 'day' : 'month');

/** The keys of the trend within a period: each day (`YYYY-MM-DD`) or each month (`YYYY-MM`). */
export function trendKeysOf(period: ReportPeriod): string[] {
  const grain = trendGrainOf(period.kind);
  const keys: string[] = [];
  const end = DateTime.fromISO(period.to, { zone: 'UTC' });
  for (let at = DateTime.fromISO(period.from, { zone: 'UTC' }); at <= end; at = at.plus({ [`${grain}s`]: 1 }))
    keys.push(grain === 'day' ? at.toISODate()! : at.toFormat('yyyy-MM'));
  return keys;
}
