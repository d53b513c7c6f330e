import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type CauseShare,
  causeShares,
  type ComplaintRate,
  complaintRatesOf,
  countsByGroup,
  figuresOf,
  growthOf,
  hotSpotsOf,
  type KpiFigures,
  type KpiGroupBy,
  percent,
  sumCells,
} from '@kesu/analytics-domain';
import { InvalidInputError } from '@kesu/kernel';
import { CLOCK, OrgDirectory, type Principal } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { Inject } from '@nestjs/common';
import { DateTime } from 'luxon';
import { type DayWindow, KpiCells } from './kpi-cells';
import { KpiRollupStore } from './kpi-rollup-store';
import { ServiceVolumesStore } from '../volumes/service-volumes';
import type { KpiParams } from './kpi.params';

/** One group of `GET /api/v1/analytics/kpis`: its key, its KPIs and its share of the complaints received. */
export type KpiGroup = { readonly key: string; readonly share: number | null } & KpiFigures;

/** A period compared with this one (环比: the one before; 同比: the same one a year before). */
export interface KpiComparison extends DayWindow {
  readonly received: number;
  /** The change of complaints received against it, in percent. */
  readonly growth: number | null;
}

/** `GET /api/v1/analytics/kpis` body. */
export interface KpiAnswer extends DayWindow {
  readonly branchId: string | null;
  readonly groupBy: KpiGroupBy | null;
  readonly groups: readonly KpiGroup[];
  readonly total: KpiFigures;
  readonly previousPeriod: KpiComparison;
  readonly lastYear: KpiComparison;
  /** Shares per cause (category), largest first. */
  readonly causes: readonly CauseShare[];
  /** The causes that rose most against the previous period. */
  readonly hotSpots: readonly CauseShare[];
  /** 投诉率: complaints received per 10,000 (or 1,000) of each measure the tenant supplied volumes of. */
  readonly complaintRates: readonly ComplaintRate[];
}

/** KPIs of the caller's units over a window of days, each a sum over rollup cells. */
export class GetKpisQuery extends Query<KpiAnswer> {
  constructor(
    readonly principal: Principal,
    readonly params: KpiParams,
  ) {
    super();
  }
}

@QueryHandler(GetKpisQuery)
export class GetKpisHandler implements IQueryHandler<GetKpisQuery> {
  constructor(
    private readonly cells: KpiCells,
    private readonly rollups: KpiRollupStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly volumes: ServiceVolumesStore,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, params }: GetKpisQuery): Promise<KpiAnswer> {
    const window = this.windowOf(principal.tenantId, params);
    const groupBy = params.groupBy ?? null;
    const units = this.cells.unitsOf(principal, params.branchId, groupBy === 'branch');
    const totalUnits = groupBy === 'branch' ? this.cells.unitsOf(principal, params.branchId, false) : units;
    const current = await this.cells.read(principal.tenantId, units, window, groupBy === 'day');
    const whole =
      groupBy === 'branch' ? await this.cells.read(principal.tenantId, totalUnits, window) : current;
    const total = figuresOf(sumCells(whole));
    const groups = groupBy
      ? [...countsByGroup(current, groupBy)].map(([key, counts]) => {
          const figures = figuresOf(counts);
          return { key, share: percent(figures.received, total.received), ...figures };
        })
      : [{ key: 'total', share: total.received > 0 ? 100 : null, ...total }];
    const previous = shift(window, { days: daysIn(window) });
    const lastYear = shift(window, { years: 1 });
    const before = await this.cells.read(principal.tenantId, totalUnits, previous);
    const yearAgo = await this.cells.read(principal.tenantId, totalUnits, lastYear);
    const compare = (period: DayWindow, cells: typeof before): KpiComparison => {
      const received = figuresOf(sumCells(cells)).received;
      return { ...period, received, growth: growthOf(total.received, received) };
    };
    const causes = causeShares(countsByGroup(whole, 'category'), countsByGroup(before, 'category'));
    return {
      ...window,
      branchId: params.branchId ?? null,
      groupBy,
      groups,
      total,
      previousPeriod: compare(previous, before),
      lastYear: compare(lastYear, yearAgo),
      causes,
      hotSpots: hotSpotsOf(causes),
      complaintRates: complaintRatesOf(
        await this.volumes.of(principal.tenantId),
        total.received,
        totalUnits,
        monthsOf(window),
        (unitId) => this.directory.branchesWithin({ ...principal, branchScope: [unitId] }),
      ),
    };
  }

  /** The window asked for; by default from the first of this month to today, in the tenant's calendar. */
  private windowOf(tenantId: string, params: KpiParams): DayWindow {
    const today = DateTime.fromJSDate(this.clock.now()).setZone(this.rollups.contextOf(tenantId).timeZone);
    const to = params.to ?? today.toISODate()!;
    const from = params.from ?? `${to.slice(0, 7)}-01`;
    const valid = (day: string) => DateTime.fromISO(day).isValid;
    const errors = [
      ...(valid(from) ? [] : [{ field: 'from', message: 'from must be a day of the calendar' }]),
      ...(valid(to) ? [] : [{ field: 'to', message: 'to must be a day of the calendar' }]),
    ];
    if (errors.length === 0 && from > to)
      errors.push({ field: 'to', message: 'to must not lie before from' });
    if (errors.length > 0) throw new InvalidInputError(errors);
    return { from, to };
  }
}

const daysIn = ({ from, to }: DayWindow): number =>
  DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;

/** The window moved back by a duration. */
const shift = ({ from, to }: DayWindow, by: { days?: number; years?: number }): DayWindow => ({
  from: DateTime.fromISO(from).minus(by).toISODate()!,
  to: DateTime.fromISO(to).minus(by).toISODate()!,
});

/** The months a window touches (`YYYY-MM`): a month's volume counts whole. */
function monthsOf({ from, to }: DayWindow): string[] {
  const months: string[] = [];
  for (
    let month = DateTime.fromISO(from).startOf('month');
    month.toISODate()! <= to;
    month = month.plus({ months: 1 })
  )
    months.push(month.toFormat('yyyy-MM'));
  return months;
}
