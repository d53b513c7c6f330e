import {
  MONTH,
  QUARTER,
  REPORT_KINDS,
  REPORT_LANGUAGES,
  type ReportKind,
  type ReportLanguage,
} from '@kesu/analytics-domain';
import { IsOrgUnitId, IsText } from '@kesu/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** Parameters of `GET /api/v1/analytics/reports/monthly`. */
export class MonthlyReportParams {
  /** The month (`YYYY-MM`, the tenant's calendar); the last month ended by default. */
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month (YYYY-MM)' })
  month?: string;

  /** A branch, a region or HQ within the caller's scope; the caller's top unit by default. */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;

  /** The language of the CSV and the page (`zh-CN` by default). */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}

/** Parameters of `GET /api/v1/analytics/reports/quarterly`. */
export class QuarterlyReportParams {
  /** The quarter (`YYYY-Qn`); the last quarter ended by default. */
  @IsOptional()
  @Matches(QUARTER, { message: 'quarter must be a quarter (YYYY-Qn)' })
  quarter?: string;

  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;

  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}

/** Body of `POST /api/v1/analytics/reports`: the report to generate now. */
export class GenerateReportDto {
  @IsIn(REPORT_KINDS)
  kind!: ReportKind;

  /** `YYYY-MM` for a monthly report, `YYYY-Qn` for a quarterly one. */
  @Matches(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, { message: 'period must be YYYY-MM or YYYY-Qn' })
  period!: string;

  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;
}

/** Body of `PUT /api/v1/analytics/reports/findings`: the analyst's findings on an issued report. */
export class ReportFindingsDto extends GenerateReportDto {
  /** 存在问题. */
  @IsText(1, 20_000)
  findings!: string;

  /** 几点建议. */
  @IsText(1, 20_000)
  suggestions!: string;
}
