import { Inject, Injectable } from '@nestjs/common';
import {
  type BilingualName,
  buildReportFigures,
  countsByGroup,
  previousPeriodOf,
  type ReportFigures,
  type ReportPeriod,
  samePeriodLastYearOf,
  sumCells,
  trendGrainOf,
} from '@kesu/analytics-domain';
import { type Category, taxonomyStream, type TaxonomyChangedData } from '@kesu/classification-contracts';
import { InvalidInputError } from '@kesu/kernel';
import { EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { KpiCells } from '../kpi/kpi-cells';

/**
 * The figures of a report, summed from the KPI rollups of the live build (never a scan of
 * complaints): the unit's cells in the period, the period before and the same period a year
 * before, and each branch's within the unit. Names come from the tenant's directory and taxonomy.
 */
@Injectable()
export class ReportFiguresReader {
  constructor(
    private readonly cells: KpiCells,
    private readonly directory: OrgDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The unit a report covers: the one asked for (in scope), else the caller's one top unit. */
  unitOf(principal: Principal, branchId: string | undefined): string {
    const units = this.cells.unitsOf(principal, branchId, false);
    if (units.length !== 1) {
      throw new InvalidInputError([
        { field: 'branchId', message: 'branchId is required: your scope spans several units' },
      ]);
    }
    return units[0]!;
  }

  async figures(principal: Principal, unitId: string, period: ReportPeriod): Promise<ReportFigures> {
    const { tenantId } = principal;
    const previousPeriod = previousPeriodOf(period);
    const lastYear = samePeriodLastYearOf(period);
    const grain = trendGrainOf(period.kind);
    // a trend by day needs the day cells, which a whole month's month cell sums away
    const current = await this.cells.read(tenantId, [unitId], period, grain === 'day');
    const before = await this.cells.read(tenantId, [unitId], previousPeriod);
    const yearAgo = await this.cells.read(tenantId, [unitId], lastYear);
    const branches = this.directory.branchesWithin({ ...principal, branchScope: [unitId] });
    const branchCells = await this.cells.read(tenantId, branches, period);
    const categories = await this.categoryNames(tenantId);
    return buildReportFigures({
      tenantId,
      unit: { id: unitId, name: this.unitName(tenantId, unitId) },
      period,
      previousPeriod,
      lastYear,
      total: sumCells(current),
      byBranch: countsByGroup(branchCells, 'branch'),
      byCategory: countsByGroup(current, 'category'),
      byCategoryBefore: countsByGroup(before, 'category'),
      previousTotal: sumCells(before),
      lastYearTotal: sumCells(yearAgo),
      trend: countsByGroup(current, grain),
      grain,
      nameOfUnit: (id) => this.unitName(tenantId, id),
      nameOfCategory: (code) => categories.get(code) ?? { zh: code, en: code },
    });
  }

  private unitName(tenantId: string, unitId: string): BilingualName {
    const name = this.directory.unit(tenantId, unitId)?.name;
    return name ? { zh: name.zh, en: name.en } : { zh: unitId, en: unitId };
  }

  /** The names of the tenant's categories, from the latest taxonomy it published. */
  async categoryNames(tenantId: string): Promise<Map<string, BilingualName>> {
    const [last] = await this.store.readStream(taxonomyStream(tenantId), {
      direction: 'backwards',
      maxCount: 1,
    });
    const categories: readonly Category[] =
      (last?.data as TaxonomyChangedData | undefined)?.taxonomy?.categories ?? [];
    return new Map(categories.map((category) => [category.code, category.name]));
  }
}
