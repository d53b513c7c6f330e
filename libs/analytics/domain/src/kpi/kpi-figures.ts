import {
  addCounts,
  COMPENSATION,
  type KpiCellKey,
  type KpiCounts,
  OPEN_BUCKET,
  REJECTED_BY,
  RESOLUTION_BUCKETS,
  RESOLUTION_WITHIN,
} from './kpi-rollup';

// ---------------------------------------------------------------- KPIs as sums over rollup cells

/** What KPIs can be grouped by (`groupBy` of `GET /api/v1/analytics/kpis`). */
export const KPI_GROUP_BY = [
  'branch',
  'category',
  'severity',
  'channel',
  'department',
  'assignee',
  'day',
  'month',
] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

/** A rollup cell: where it counts and its counts. */
export interface KpiCell extends KpiCellKey {
  readonly counts: KpiCounts;
}

/** The KPIs of a set of cells. Rates are percentages with one decimal, null without a denominator. */
export interface KpiFigures {
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  readonly resolvedOnTheSpot: number;
  readonly resolved: number;
  readonly closed: number;
  readonly resolvedWithinSla: number;
  readonly breached: number;
  readonly escalated: number;
  readonly reopened: number;
  readonly repeats: number;
  readonly surveyed: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly unsatisfied: number;
  readonly reReviews: number;
  readonly reReviewsChanged: number;
  /** 满意率: satisfied of surveyed. */
  readonly satisfactionRate: number | null;
  /** Satisfied or basically satisfied, of surveyed. */
  readonly basicallySatisfiedRate: number | null;
  /** 办结率: closed of accepted. */
  readonly closureRate: number | null;
  /** Resolved within the SLA, of resolved by case work. */
  readonly onTimeRate: number | null;
  readonly avgResolutionHours: number | null;
  readonly p90ResolutionHours: number | null;
  /** Repeat complaints of received. */
  readonly repeatRate: number | null;
  /** Escalated of accepted. */
  readonly escalationRate: number | null;
  /** Compensation paid, per currency (decimal amounts). */
  readonly compensationPaid: Readonly<Record<string, number>>;
}

/** A percentage with one decimal, null without a denominator. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The sum of the cells' counts. */
export const sumCells = (cells: Iterable<{ readonly counts: KpiCounts }>): KpiCounts => {
  let sum: KpiCounts = {};
  for (const cell of cells) sum = addCounts(sum, cell.counts);
  return sum;
};

/** The p90 of resolution times (hours) from the histogram: linear within the bucket it falls in. */
export function p90Of(counts: KpiCounts): number | null {
  const total = counts.resolutions ?? 0;
  if (total === 0) return null;
  const target = 0.9 * total;
  let below = 0;
  let lower = 0;
  for (const upper of RESOLUTION_BUCKETS) {
    const inBucket = counts[RESOLUTION_WITHIN + upper] ?? 0;
    if (below + inBucket >= target && inBucket > 0)
      return round1(lower + ((target - below) / inBucket) * (upper - lower));
    below += inBucket;
    lower = upper;
  }
  return (counts[RESOLUTION_WITHIN + OPEN_BUCKET] ?? 0) > 0 ? lower : null;
}

const keyed = (counts: KpiCounts, prefix: string, scale = 1): Record<string, number> =>
  Object.fromEntries(
    Object.entries(counts)
      .filter(([counter]) => counter.startsWith(prefix))
      .map(([counter, value]) => [counter.slice(prefix.length), value / scale]),
  );

/** The KPIs of summed counts. */
export function figuresOf(counts: KpiCounts): KpiFigures {
  const n = (counter: string): number => counts[counter] ?? 0;
  const resolutions = n('resolutions');
  return {
    received: n('received'),
    accepted: n('accepted'),
    rejected: n('rejected'),
    rejectedByReason: keyed(counts, REJECTED_BY),
    resolvedOnTheSpot: n('resolvedOnTheSpot'),
    resolved: n('resolved'),
    closed: n('closed'),
    resolvedWithinSla: n('resolvedWithinSla'),
    breached: n('breached'),
    escalated: n('escalated'),
    reopened: n('reopened'),
    repeats: n('repeats'),
    surveyed: n('surveyed'),
    satisfied: n('satisfied'),
    basicallySatisfied: n('basicallySatisfied'),
    unsatisfied: n('unsatisfied'),
    reReviews: n('reReviews'),
    reReviewsChanged: n('reReviewsChanged'),
    satisfactionRate: percent(n('satisfied'), n('surveyed')),
    basicallySatisfiedRate: percent(n('satisfied') + n('basicallySatisfied'), n('surveyed')),
    closureRate: percent(n('closed'), n('accepted')),
    onTimeRate: percent(n('resolvedWithinSla'), n('resolved')),
    avgResolutionHours: resolutions === 0 ? null : round1(n('resolutionMinutes') / 60 / resolutions),
    p90ResolutionHours: p90Of(counts),
    repeatRate: percent(n('repeats'), n('received')),
    escalationRate: percent(n('escalated'), n('accepted')),
    compensationPaid: keyed(counts, COMPENSATION, 100),
  };
}

/** The key of a cell for a grouping. */
export function groupKeyOf(cell: KpiCellKey, groupBy: KpiGroupBy): string {
  switch (groupBy) {
    case 'branch':
      return cell.unitId;
    case 'department':
      return cell.departmentId;
    case 'assignee':
      return cell.handlerId;
    case 'month':
      return cell.day.slice(0, 7);
    default:
      return cell[groupBy];
  }
}

/** The summed counts of the cells per group key, keys in order. */
export function countsByGroup(cells: Iterable<KpiCell>, groupBy: KpiGroupBy): Map<string, KpiCounts> {
  const groups = new Map<string, KpiCounts>();
  for (const cell of cells) {
    const key = groupKeyOf(cell, groupBy);
    groups.set(key, addCounts(groups.get(key) ?? {}, cell.counts));
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Growth of a count against an earlier one, in percent (环比 / 同比); null when the earlier is 0. */
export const growthOf = (current: number, earlier: number): number | null =>
  earlier === 0 ? null : round1(((current - earlier) / earlier) * 100);

/** A category's share of the complaints received, and its change. */
export interface CauseShare {
  readonly key: string;
  readonly received: number;
  readonly share: number | null;
  readonly previous: number;
  readonly rise: number;
  readonly growth: number | null;
}

/**
 * Each key's received count, share of the total and rise against the previous period, largest
 * share first: the shares per cause; sorted by rise, the hot spots (热点问题).
 */
export function causeShares(current: Map<string, KpiCounts>, previous: Map<string, KpiCounts>): CauseShare[] {
  const total = [...current.values()].reduce((sum, counts) => sum + (counts.received ?? 0), 0);
  const keys = new Set([...current.keys(), ...previous.keys()]);
  return [...keys]
    .map((key) => {
      const received = current.get(key)?.received ?? 0;
      const before = previous.get(key)?.received ?? 0;
      return {
        key,
        received,
        share: percent(received, total),
        previous: before,
        rise: received - before,
        growth: growthOf(received, before),
      };
    })
    .filter((cause) => cause.received > 0 || cause.previous > 0)
    .sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : 1));
}

/** The causes that rose most (at least by one), largest rise first. */
export const hotSpotsOf = (shares: readonly CauseShare[], limit = 5): CauseShare[] =>
  shares
    .filter((cause) => cause.rise > 0)
    .sort((a, b) => b.rise - a.rise || (a.key < b.key ? -1 : 1))
    .slice(0, limit);
