import { percent } from '../kpi/kpi-figures';
import {
  CLOSED_WITHIN_DAYS,
  CLOSURE_DAY_BUCKETS,
  COMPENSATION,
  type KpiCounts,
  OPEN_BUCKET,
} from '../kpi/kpi-rollup';

// ---------------------------------------------------------------- regulator returns per pack
//
// A return counts, per product or category, the complaints opened and closed in the period, the
// closed ones by how long they took (within 3 days, within the pack's limit, later), the share
// upheld and the redress paid — sums over the rollups' `closedWithinDays:<days>`, `upheld` and
// `compensation:<currency>` counters.

/** A regulator's return format. */
export interface ReturnPack {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** The time limit for closing a complaint, in calendar days (one of CLOSURE_DAY_BUCKETS). */
  readonly limitDays: (typeof CLOSURE_DAY_BUCKETS)[number];
  /** How the rows are headed: the return's own words for products or categories. */
  readonly rowsAre: { readonly zh: string; readonly en: string };
}

/**
 * The two examples: the UK FCA complaints return (DISP 1 Annex 1: opened, closed within 3 days,
 * within 8 weeks and later, upheld, redress) and the China financial regulator's monthly complaint
 * figures (受理、办结、15日内办结、超期办结、支持率、赔付).
 */
export const RETURN_PACKS: readonly ReturnPack[] = [
  {
    id: 'fca-disp1',
    name: { zh: '英国金融行为监管局投诉报表 (DISP 1 附件 1)', en: 'FCA complaints return (DISP 1 Annex 1)' },
    limitDays: 56,
    rowsAre: { zh: '产品/服务类别', en: 'Product or service grouping' },
  },
  {
    id: 'cn-nfra-monthly',
    name: { zh: '银行保险机构消费投诉月度统计', en: 'China banking and insurance monthly complaint figures' },
    limitDays: 15,
    rowsAre: { zh: '投诉业务类别', en: 'Business category' },
  },
];
export const RETURN_PACK_IDS = RETURN_PACKS.map((pack) => pack.id);

/** One row of a return: a product or category, or the total. */
export interface ReturnRow {
  readonly key: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly opened: number;
  readonly closed: number;
  readonly closedWithin3Days: number;
  /** Closed within the pack's limit (including those within 3 days). */
  readonly closedWithinLimit: number;
  readonly closedLater: number;
  readonly upheld: number;
  /** Upheld of closed, in percent with one decimal. */
  readonly upheldShare: number | null;
  /** Redress paid per currency (decimal amounts). */
  readonly redressPaid: Readonly<Record<string, number>>;
}

/** A regulator return of a unit for a window of days. */
export interface RegulatorReturn {
  readonly pack: ReturnPack;
  readonly tenantId: string;
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly ReturnRow[];
  readonly total: ReturnRow;
}

const closedWithin = (counts: KpiCounts, days: number): number =>
  CLOSURE_DAY_BUCKETS.filter((bound) => bound <= days).reduce(
    (sum, bound) => sum + (counts[CLOSED_WITHIN_DAYS + bound] ?? 0),
    0,
  );

/** A return row from summed counts. */
export function returnRowOf(
  key: string,
  name: ReturnRow['name'],
  counts: KpiCounts,
  pack: ReturnPack,
): ReturnRow {
  const closed = counts.closed ?? 0;
  const withinLimit = closedWithin(counts, pack.limitDays);
  const upheld = counts.upheld ?? 0;
  return {
    key,
    name,
    opened: counts.received ?? 0,
    closed,
    closedWithin3Days: closedWithin(counts, 3),
    closedWithinLimit: withinLimit,
    closedLater: closed - withinLimit,
    upheld,
    upheldShare: percent(upheld, closed),
    redressPaid: Object.fromEntries(
      Object.entries(counts)
        .filter(([counter]) => counter.startsWith(COMPENSATION))
        .map(([counter, value]) => [counter.slice(COMPENSATION.length), value / 100]),
    ),
  };
}

/** Whether every closure counted in a histogram lies in a bucket (a check on the counters). */
export const closuresBucketed = (counts: KpiCounts): boolean =>
  closedWithin(counts, Infinity) + (counts[CLOSED_WITHIN_DAYS + OPEN_BUCKET] ?? 0) === (counts.closed ?? 0);

/** The return: a row per product or category (those with anything to count) and the total. */
export function regulatorReturnOf(input: {
  readonly pack: ReturnPack;
  readonly tenantId: string;
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly total: KpiCounts;
  readonly byCategory: ReadonlyMap<string, KpiCounts>;
  readonly nameOfCategory: (key: string) => ReturnRow['name'];
}): RegulatorReturn {
  const { pack } = input;
  return {
    pack,
    tenantId: input.tenantId,
    unitId: input.unitId,
    from: input.from,
    to: input.to,
    rows: [...input.byCategory]
      .filter(([, counts]) => (counts.received ?? 0) > 0 || (counts.closed ?? 0) > 0)
      .map(([key, counts]) => returnRowOf(key, input.nameOfCategory(key), counts, pack)),
    total: returnRowOf('total', { zh: '合计', en: 'Total' }, input.total, pack),
  };
}
