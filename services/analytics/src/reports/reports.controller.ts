import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  type ComplaintReport,
  type ReportKind,
  type ReportLanguage,
  reportCsv,
} from '@kesu/analytics-domain';
import {
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { KPI_READERS } from '../kpi/kpis.controller';
import { GenerateReportCommand } from './generate-report';
import { GetReportQuery } from './get-report';
import { REPORT_PAGE_POLICY, reportPage } from './report-page';
import {
  GenerateReportDto,
  MonthlyReportParams,
  QuarterlyReportParams,
  ReportFindingsDto,
} from './report.params';
import { WriteReportFindingsCommand } from './write-report-findings';

/** Who generates reports and writes their findings: analysts (and directors, who answer for them). */
export const REPORT_WRITERS = [Role.analyst, Role.director];

/** The representation asked for by `Accept`: CSV, a printable page, or JSON. */
function representationOf(accept: string | undefined): 'csv' | 'html' | 'json' {
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    if (type === 'text/csv') return 'csv';
    if (type === 'text/html') return 'html';
    if (type === 'application/json') return 'json';
  }
  return 'json';
}

/**
 * Monthly and quarterly reports of a unit (the seeds' 投诉总结分析), as JSON, CSV (`Accept:
 * text/csv`) or a printable page with charts (`Accept: text/html`); generated on the tenant's day
 * and on an analyst's request, each generation kept as an event.
 */
@Controller('api/v1/analytics/reports')
export class ReportsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('monthly')
  @Roles(...KPI_READERS)
  @AccessLogged('report')
  async monthly(
    @Query() params: MonthlyReportParams,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ComplaintReport | string> {
    return this.answer('monthly', params.month, params, principal, accept, reply);
  }

  @Get('quarterly')
  @Roles(...KPI_READERS)
  @AccessLogged('report')
  async quarterly(
    @Query() params: QuarterlyReportParams,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ComplaintReport | string> {
    return this.answer('quarterly', params.quarter, params, principal, accept, reply);
  }

  /** Generates the report now (a period that has ended); a new generation only when its figures changed. */
  @Post()
  @HttpCode(201)
  @Roles(...REPORT_WRITERS)
  @AccessLogged('report')
  generate(@Body() body: GenerateReportDto, @CurrentCaller() caller: Caller): Promise<ComplaintReport> {
    return this.commands.execute(new GenerateReportCommand(caller, body));
  }

  /** Writes the analyst's findings and suggestions on an issued report. */
  @Put('findings')
  @Roles(...REPORT_WRITERS)
  @AccessLogged('report')
  findings(@Body() body: ReportFindingsDto, @CurrentCaller() caller: Caller): Promise<ComplaintReport> {
    return this.commands.execute(new WriteReportFindingsCommand(caller, body));
  }

  private async answer(
    kind: ReportKind,
    period: string | undefined,
    params: { branchId?: string; lang?: ReportLanguage },
    principal: Principal,
    accept: string | undefined,
    reply: HeaderReply,
  ): Promise<ComplaintReport | string> {
    const report = await this.queries.execute(new GetReportQuery(principal, kind, period, params.branchId));
    const language = params.lang ?? 'zh-CN';
    const file = `${report.unit.id}-${report.period.label}-${kind}`;
    switch (representationOf(accept)) {
      case 'csv':
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${file}.csv"`);
        return '\uFEFF' + reportCsv(report, language);
      case 'html':
        reply.header('content-type', 'text/html; charset=utf-8');
        reply.header('content-security-policy', REPORT_PAGE_POLICY);
        return reportPage(report, language);
      default:
        return report;
    }
  }
}
