import { REPORT_LANGUAGES, RETURN_PACK_IDS, type ReportLanguage } from '@kesu/analytics-domain';
import { IsOrgUnitId } from '@kesu/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DAY } from '../kpi/kpi.params';

/** Parameters of `GET /api/v1/analytics/returns`. */
export class ReturnParams {
  /** The return's format (`fca-disp1`, `cn-nfra-monthly`). */
  @IsIn(RETURN_PACK_IDS)
  pack!: string;

  /** The first day counted (the tenant's calendar); the first day of the last month ended by default. */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  from?: string;

  /** The last day counted; the last day of the last month ended by default. */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  to?: string;

  /** A branch, a region or HQ in the caller's scope; the caller's top unit by default. */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;

  /** The language of the CSV (`zh-CN` by default). */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}
