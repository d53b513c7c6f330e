import { Injectable } from '@nestjs/common';
import { lastEndedPeriod, type ReportKind, type ReportPeriod, reportPeriodOf } from '@kesu/analytics-domain';
import { InvalidInputError } from '@kesu/kernel';
import { CLOCK, type Principal } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { Inject } from '@nestjs/common';
import { DateTime } from 'luxon';
import { KpiRollupStore } from '../kpi/kpi-rollup-store';
import { ReportFiguresReader } from './report-figures';
import type { ReportAddress } from './report-issues';

/** Which report a request names: its unit (in the caller's scope) and its period. */
@Injectable()
export class ReportAddresses {
  constructor(
    private readonly figures: ReportFiguresReader,
    private readonly rollups: KpiRollupStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today in the tenant's calendar. */
  today(tenantId: string): string {
    return DateTime.fromJSDate(this.clock.now())
      .setZone(this.rollups.contextOf(tenantId).timeZone)
      .toISODate()!;
  }

  /** The report asked for; the last period ended by default. */
  of(
    principal: Principal,
    kind: ReportKind,
    label: string | undefined,
    branchId: string | undefined,
  ): ReportAddress {
    const period: ReportPeriod =
      label === undefined
        ? lastEndedPeriod(kind, this.today(principal.tenantId))
        : reportPeriodOf(kind, label);
    return { tenantId: principal.tenantId, unitId: this.figures.unitOf(principal, branchId), period };
  }

  /** A report to issue: its period must have ended. */
  ended(principal: Principal, address: ReportAddress): ReportAddress {
    if (address.period.to >= this.today(principal.tenantId)) {
      throw new InvalidInputError([
        { field: 'period', message: `period ${address.period.label} has not ended yet` },
      ]);
    }
    return address;
  }
}
