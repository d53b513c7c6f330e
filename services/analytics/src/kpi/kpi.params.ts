import { KPI_GROUP_BY, type KpiGroupBy } from '@kesu/analytics-domain';
import { IsOrgUnitId } from '@kesu/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** A calendar day, `YYYY-MM-DD`. */
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Parameters of `GET /api/v1/analytics/kpis`. */
export class KpiParams {
  /** The first day counted (the tenant's calendar); defaults to the first of `to`'s month. */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  from?: string;

  /** The last day counted; defaults to today. */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  to?: string;

  /** A branch, or a region (or HQ) for all its branches; within the caller's scope. */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;

  @IsOptional()
  @IsIn(KPI_GROUP_BY)
  groupBy?: KpiGroupBy;
}
