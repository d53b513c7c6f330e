import { DateTime } from 'luxon';
import type { KpiDimensions, KpiFacts } from './kpi-facts';

// ---------------------------------------------------------------- rollup cells and what a complaint adds to them
//
// A cell counts under one org unit (a branch, or one of its ancestors), one day of the tenant's
// calendar and one value of each dimension. A complaint adds each of its counts on the day it
// happened; when its dimensions change (reclassified, transferred), its counts move cells.

/** Plain counters of a cell (each a count of complaints, or of reopenings and re-reviews). */
export const KPI_COUNTERS = [
  'received',
  'accepted',
  'rejected',
  'resolvedOnTheSpot',
  'resolved',
  'closed',
  'resolvedWithinSla',
  'breached',
  'escalated',
  'reopened',
  'repeats',
  'surveyed',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'reReviews',
  'reReviewsChanged',
  'resolutions',
  'resolutionMinutes',
  'upheld',
] as const;
export type KpiCounter = (typeof KPI_COUNTERS)[number];

/**
 * Keyed counters: `rejectedBy:<reason>`, `compensation:<currency>` (in hundredths, so sums stay
 * exact), `resolutionWithin:<hours>` (the histogram of resolution times).
 */
export const REJECTED_BY = 'rejectedBy:';
export const COMPENSATION = 'compensation:';
export const RESOLUTION_WITHIN = 'resolutionWithin:';
/** Keyed counter of closures by the days from receipt to closure (`closedWithinDays:<days>`). */
export const CLOSED_WITHIN_DAYS = 'closedWithinDays:';

/** Upper bounds (days) of the closure-time histogram (3 days, 15 days, 8 weeks, …); the last bucket is open. */
export const CLOSURE_DAY_BUCKETS = [3, 7, 15, 30, 56, 90] as const;

/** Closure outcomes that, with a remedy owning a fault, count a complaint as upheld. */
const UPHOLDING_OUTCOMES: ReadonlySet<string> = new Set(['resolved', 'partially_resolved']);

/** Upper bounds (hours) of the resolution-time histogram; the last bucket is open. */
export const RESOLUTION_BUCKETS = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 360, 720, 1440] as const;
export const OPEN_BUCKET = 'more';

/** Where a cell counts: a unit, a day, and the complaint's dimensions. */
export interface KpiCellKey extends Omit<KpiDimensions, 'branchId'> {
  readonly unitId: string;
  /** `YYYY-MM-DD` in the tenant's time zone. */
  readonly day: string;
}

/** A cell's counts by counter name (plain or keyed). */
export type KpiCounts = Record<string, number>;

/** The id of a cell within its tenant. */
export const cellIdOf = (key: KpiCellKey): string =>
  [key.unitId, key.day, key.category, key.severity, key.channel, key.departmentId, key.handlerId].join('|');

/** The key of a cell id made by `cellIdOf`. */
export function cellKeyOf(id: string): KpiCellKey {
  const [unitId, day, category, severity, channel, departmentId, handlerId] = id.split('|') as string[];
  return {
    unitId: unitId!,
    day: day!,
    category: category!,
    severity: severity!,
    channel: channel!,
    departmentId: departmentId!,
    handlerId: handlerId!,
  };
}

/** One count of a complaint: on a day, a counter, by how much. */
interface Contribution {
  readonly at: string;
  readonly counter: string;
  readonly value: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The bucket of a resolution time in hours. */
export function resolutionBucketOf(hours: number): string {
  const bound = RESOLUTION_BUCKETS.find((limit) => hours <= limit);
  return bound === undefined ? OPEN_BUCKET : String(bound);
}

/** The bucket of a closure time in days. */
export function closureBucketOf(days: number): string {
  const bound = CLOSURE_DAY_BUCKETS.find((limit) => days <= limit);
  return bound === undefined ? OPEN_BUCKET : String(bound);
}

/** Every count a complaint adds to the rollups, each at the instant it happened. */
export function contributionsOf(facts: KpiFacts): Contribution[] {
  const counts: Contribution[] = [{ at: facts.receivedAt, counter: 'received', value: 1 }];
  const once = (at: string | undefined, counter: string, value = 1) => {
    if (at !== undefined) counts.push({ at, counter, value });
  };
  once(facts.acceptedAt, 'accepted');
  if (facts.rejected) {
    once(facts.rejected.at, 'rejected');
    once(facts.rejected.at, REJECTED_BY + facts.rejected.reason);
  }
  once(facts.resolvedOnTheSpotAt, 'resolvedOnTheSpot');
  if (facts.resolvedAt !== undefined) {
    if (facts.resolvedOnTheSpotAt === undefined) once(facts.resolvedAt, 'resolved');
    const minutes = Math.round(
      Math.max(0, Date.parse(facts.resolvedAt) - Date.parse(facts.receivedAt)) / MINUTE,
    );
    const hours = minutes / 60;
    once(facts.resolvedAt, 'resolutions');
    once(facts.resolvedAt, 'resolutionMinutes', minutes);
    once(facts.resolvedAt, RESOLUTION_WITHIN + resolutionBucketOf(hours));
  }
  once(facts.closedAt, 'closed');
  if (facts.closedAt !== undefined) {
    const days = Math.max(0, Date.parse(facts.closedAt) - Date.parse(facts.receivedAt)) / DAY;
    once(facts.closedAt, CLOSED_WITHIN_DAYS + closureBucketOf(days));
    if (facts.remedied && UPHOLDING_OUTCOMES.has(facts.closureOutcome ?? '')) once(facts.closedAt, 'upheld');
  }
  once(facts.resolvedWithinSlaAt, 'resolvedWithinSla');
  once(facts.firstBreachAt, 'breached');
  once(facts.firstEscalationAt, 'escalated');
  for (const at of facts.reopenedAt) once(at, 'reopened');
  once(facts.repeatAt, 'repeats');
  if (facts.satisfaction) {
    const level = {
      satisfied: 'satisfied',
      basically_satisfied: 'basicallySatisfied',
      unsatisfied: 'unsatisfied',
    }[facts.satisfaction.level];
    once(facts.satisfaction.at, 'surveyed');
    if (level) once(facts.satisfaction.at, level);
  }
  for (const [currency, amount] of Object.entries(facts.compensation?.amounts ?? {})) {
    once(facts.compensation!.at, COMPENSATION + currency, Math.round(amount * 100));
  }
  for (const at of facts.reReviews) once(at, 'reReviews');
  for (const at of facts.reReviewsChanged) once(at, 'reReviewsChanged');
  return counts;
}

const offsets = new Map<string, number>();
const MAX_REMEMBERED_OFFSETS = 100_000;
const MINUTE_MS = 60_000;

/**
 * The tenant's calendar day of an instant. The zone's offset is looked up once per hour of UTC and
 * remembered (offsets change on whole hours in every zone Kesu's tenants use).
 */
export function dayOf(at: string, timeZone: string): string {
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return at.slice(0, 10);
  const hour = Math.floor(instant / 3_600_000);
  const key = `${timeZone} ${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * 3_600_000, { zone: timeZone }).offset;
    if (offsets.size >= MAX_REMEMBERED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return new Date(instant + offset * MINUTE_MS).toISOString().slice(0, 10);
}

/** What the rollups need besides the facts: the org tree (a branch and its ancestors) and the calendar. */
export interface RollupContext {
  readonly unitsOf: (branchId: string) => readonly string[];
  readonly timeZone: string;
}

/**
 * What changes in the cells when a complaint's facts go from `before` to `after`: per cell id, the
 * change of each counter (zeros left out). Applying every change of every complaint gives the sum
 * of their current contributions, whatever the order of complaints.
 */
export function rollupDelta(
  before: KpiFacts | null,
  after: KpiFacts | null,
  context: RollupContext,
): Map<string, KpiCounts> {
  const delta = new Map<string, KpiCounts>();
  const add = (facts: KpiFacts | null, sign: number) => {
    if (!facts) return;
    const units = context.unitsOf(facts.branchId);
    for (const { at, counter, value } of contributionsOf(facts)) {
      const day = dayOf(at, context.timeZone);
      for (const unitId of units) {
        const id = cellIdOf({ ...facts, unitId, day });
        const counts = delta.get(id) ?? {};
        counts[counter] = (counts[counter] ?? 0) + sign * value;
        delta.set(id, counts);
      }
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [id, counts] of delta) {
    for (const [counter, value] of Object.entries(counts)) if (value === 0) delete counts[counter];
    if (Object.keys(counts).length === 0) delta.delete(id);
  }
  return delta;
}

/** Counts plus a change, zeros left out. */
export function addCounts(counts: KpiCounts, change: KpiCounts): KpiCounts {
  const sum: KpiCounts = { ...counts };
  for (const [counter, value] of Object.entries(change)) {
    const next = (sum[counter] ?? 0) + value;
    if (next === 0) delete sum[counter];
    else sum[counter] = next;
  }
  return sum;
}
