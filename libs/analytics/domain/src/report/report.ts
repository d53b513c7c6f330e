import { type CauseShare, causeShares, figuresOf, growthOf, hotSpotsOf, percent } from '../kpi/kpi-figures';
import type { KpiCounts } from '../kpi/kpi-rollup';
import { type ReportPeriod, trendKeysOf } from './report-period';

// ---------------------------------------------------------------- a report in the shape of the seeds' summaries
//
// 基本情况 (totals, on the spot vs. ticketed, per branch, satisfaction, closure), 原因分析 (per cause with
// shares), 趋势 (the period before, the same period a year before, the course within the period), 热点问题
// (the causes that rose most) and the analyst's 存在问题 / 几点建议. Every figure is a sum of rollup
// counts; no complainant appears in a report.

/** Names in both languages of the report. */
export interface BilingualName {
  readonly zh: string;
  readonly en: string;
}

/** The figures of the whole unit in the period. */
export interface ReportTotals {
  readonly received: number;
  /** 有效投诉: accepted. */
  readonly accepted: number;
  /** 无效投诉: rejected. */
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** 当场处理. */
  readonly resolvedOnTheSpot: number;
  /** 填报投诉单: received and not resolved on the spot. */
  readonly ticketed: number;
  readonly onTheSpotShare: number | null;
  readonly resolved: number;
  readonly closed: number;
  readonly closureRate: number | null;
  readonly surveyed: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly unsatisfied: number;
  readonly satisfactionRate: number | null;
  readonly basicallySatisfiedRate: number | null;
  readonly onTimeRate: number | null;
  readonly breached: number;
  readonly escalated: number;
  readonly escalationRate: number | null;
  readonly reopened: number;
  readonly repeats: number;
  readonly repeatRate: number | null;
  readonly avgResolutionHours: number | null;
  readonly p90ResolutionHours: number | null;
  readonly compensationPaid: Readonly<Record<string, number>>;
}

/** One branch's line (e.g. **县8个、**县6个(1个不满意)). */
export interface ReportBranch {
  readonly unitId: string;
  readonly name: BilingualName;
  readonly received: number;
  readonly share: number | null;
  readonly resolvedOnTheSpot: number;
  readonly ticketed: number;
  readonly closed: number;
  readonly closureRate: number | null;
  readonly surveyed: number;
  readonly unsatisfied: number;
  readonly satisfactionRate: number | null;
}

/** A cause with its share and its change against the period before. */
export interface ReportCause extends CauseShare {
  readonly name: BilingualName;
}

/** A period compared with the report's. */
export interface ReportComparison {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly received: number;
  readonly growth: number | null;
}

/** One point of the course within the period (a day of a month, a month of a quarter). */
export interface ReportTrendPoint {
  readonly key: string;
  readonly received: number;
  readonly closed: number;
}

/** The figures of a report: what a generation records and hashes. */
export interface ReportFigures {
  readonly format: 'kesu.complaint-report.v1';
  readonly tenantId: string;
  readonly unit: { readonly id: string; readonly name: BilingualName };
  readonly period: ReportPeriod;
  readonly totals: ReportTotals;
  readonly branches: readonly ReportBranch[];
  readonly causes: readonly ReportCause[];
  readonly hotSpots: readonly ReportCause[];
  readonly trend: {
    readonly previousPeriod: ReportComparison;
    readonly lastYear: ReportComparison;
    readonly grain: 'day' | 'month';
    readonly points: readonly ReportTrendPoint[];
  };
}

/** The sums a report is built from, read from the rollups by the caller. */
export interface ReportInput {
  readonly tenantId: string;
  readonly unit: { readonly id: string; readonly name: BilingualName };
  readonly period: ReportPeriod;
  readonly previousPeriod: ReportPeriod;
  readonly lastYear: ReportPeriod;
  readonly total: KpiCounts;
  readonly byBranch: ReadonlyMap<string, KpiCounts>;
  readonly byCategory: ReadonlyMap<string, KpiCounts>;
  readonly byCategoryBefore: ReadonlyMap<string, KpiCounts>;
  readonly previousTotal: KpiCounts;
  readonly lastYearTotal: KpiCounts;
  readonly trend: ReadonlyMap<string, KpiCounts>;
  readonly grain: 'day' | 'month';
  readonly nameOfUnit: (unitId: string) => BilingualName;
  readonly nameOfCategory: (category: string) => BilingualName;
}

const n = (counts: KpiCounts, counter: string): number => counts[counter] ?? 0;
const ticketedOf = (counts: KpiCounts): number => n(counts, 'received') - n(counts, 'resolvedOnTheSpot');

function totalsOf(counts: KpiCounts): ReportTotals {
  const f = figuresOf(counts);
  return {
    received: f.received,
    accepted: f.accepted,
    rejected: f.rejected,
    rejectedByReason: f.rejectedByReason,
    resolvedOnTheSpot: f.resolvedOnTheSpot,
    ticketed: ticketedOf(counts),
    onTheSpotShare: percent(f.resolvedOnTheSpot, f.received),
    resolved: f.resolved,
    closed: f.closed,
    closureRate: f.closureRate,
    surveyed: f.surveyed,
    satisfied: f.satisfied,
    basicallySatisfied: f.basicallySatisfied,
    unsatisfied: f.unsatisfied,
    satisfactionRate: f.satisfactionRate,
    basicallySatisfiedRate: f.basicallySatisfiedRate,
    onTimeRate: f.onTimeRate,
    breached: f.breached,
    escalated: f.escalated,
    escalationRate: f.escalationRate,
    reopened: f.reopened,
    repeats: f.repeats,
    repeatRate: f.repeatRate,
    avgResolutionHours: f.avgResolutionHours,
    p90ResolutionHours: f.p90ResolutionHours,
    compensationPaid: f.compensationPaid,
  };
}

const compared = (period: ReportPeriod, counts: KpiCounts, current: number): ReportComparison => ({
  label: period.label,
  from: period.from,
  to: period.to,
  received: n(counts, 'received'),
  growth: growthOf(current, n(counts, 'received')),
});

/** The report's figures from the rollups' sums. */
export function buildReportFigures(input: ReportInput): ReportFigures {
  const totals = totalsOf(input.total);
  const branches = [...input.byBranch].map(([unitId, counts]) => {
    const f = figuresOf(counts);
    return {
      unitId,
      name: input.nameOfUnit(unitId),
      received: f.received,
      share: percent(f.received, totals.received),
      resolvedOnTheSpot: f.resolvedOnTheSpot,
      ticketed: ticketedOf(counts),
      closed: f.closed,
      closureRate: f.closureRate,
      surveyed: f.surveyed,
      unsatisfied: f.unsatisfied,
      satisfactionRate: f.satisfactionRate,
    };
  });
  const named = (cause: CauseShare): ReportCause => ({ ...cause, name: input.nameOfCategory(cause.key) });
  const causes = causeShares(new Map(input.byCategory), new Map(input.byCategoryBefore)).map(named);
  return {
    format: 'kesu.complaint-report.v1',
    tenantId: input.tenantId,
    unit: input.unit,
    period: input.period,
    totals,
    branches,
    causes,
    hotSpots: hotSpotsOf(causes).map(named),
    trend: {
      previousPeriod: compared(input.previousPeriod, input.previousTotal, totals.received),
      lastYear: compared(input.lastYear, input.lastYearTotal, totals.received),
      grain: input.grain,
      points: trendKeysOf(input.period).map((key) => {
        const counts = input.trend.get(key) ?? {};
        return { key, received: n(counts, 'received'), closed: n(counts, 'closed') };
      }),
    },
  };
}
