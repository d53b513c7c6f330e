import { Injectable } from '@nestjs/common';
import { type KpiCell, tiersOf } from '@kesu/analytics-domain';
import { ForbiddenError, InvalidInputError } from '@kesu/kernel';
import { OrgDirectory, type Principal } from '@kesu/platform';
import { KpiBuilds } from './kpi-builds';
import { KpiRollupStore } from './kpi-rollup-store';

/** A window of days, inclusive. */
export interface DayWindow {
  readonly from: string;
  readonly to: string;
}

/** The rollup cells a caller may sum: of the units they ask for, within their scope, in the live build. */
@Injectable()
export class KpiCells {
  constructor(
    private readonly rollups: KpiRollupStore,
    private readonly builds: KpiBuilds,
    private readonly directory: OrgDirectory,
  ) {}

  /**
   * The units whose cells are summed: each branch within `unitId` (or the caller's scope) when
   * grouping by branch, else the unit itself (or each top unit of the caller's scope) — a cell of a
   * unit already counts everything below it, so no complaint counts twice.
   */
  unitsOf(principal: Principal, unitId: string | undefined, byBranch: boolean): string[] {
    if (unitId !== undefined) {
      if (!this.directory.unit(principal.tenantId, unitId)) {
        throw new InvalidInputError([
          { field: 'branchId', message: `branchId ${unitId} is not an org unit` },
        ]);
      }
      if (!this.directory.covers(principal, unitId)) {
        throw new ForbiddenError(
          'analytics.branch_outside_scope',
          `branchId ${unitId} is outside your branch scope`,
        );
      }
    }
    const scope = unitId === undefined ? principal.branchScope : [unitId];
    if (byBranch) return this.directory.branchesWithin({ ...principal, branchScope: scope });
    return scope.filter(
      (unit) =>
        !scope.some(
          (other) => other !== unit && this.directory.covers({ ...principal, branchScope: [other] }, unit),
        ),
    );
  }

  /**
   * The cells of the units in the window, from the build queries read: the month cells of the whole
   * months in it and the day cells of the days around them (`tiersOf`), or only day cells when the
   * answer is grouped by day. A month cell's `day` is its month.
   */
  async read(
    tenantId: string,
    units: readonly string[],
    window: DayWindow,
    byDay = false,
  ): Promise<KpiCell[]> {
    const build = await this.builds.readable();
    if (build === null || units.length === 0) return [];
    const { months, days } = byDay ? { months: null, days: [window] } : tiersOf(window);
    const cells: KpiCell[] = [];
    if (months)
      for await (const cell of this.rollups.cells(build, tenantId, units, months.from, months.to, 'month'))
        cells.push(cell);
    for (const { from, to } of days)
      for await (const cell of this.rollups.cells(build, tenantId, units, from, to)) cells.push(cell);
    return cells;
  }
}
