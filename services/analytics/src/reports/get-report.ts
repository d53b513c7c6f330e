import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ComplaintReport, ReportKind } from '@kesu/analytics-domain';
import type { Principal } from '@kesu/platform';
import { ReportAddresses } from './report-address';
import { ReportIssues } from './report-issues';

/** A monthly or quarterly report of a unit: as issued, or a draft when none was issued yet. */
export class GetReportQuery extends Query<ComplaintReport> {
  constructor(
    readonly principal: Principal,
    readonly kind: ReportKind,
    readonly period: string | undefined,
    readonly branchId: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(
    private readonly addresses: ReportAddresses,
    private readonly issues: ReportIssues,
  ) {}

  execute({ principal, kind, period, branchId }: GetReportQuery): Promise<ComplaintReport> {
    return this.issues.read(principal, this.addresses.of(principal, kind, period, branchId));
  }
}
