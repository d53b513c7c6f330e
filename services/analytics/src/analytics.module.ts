import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLog } from './access-log/access-log';
import { AccessLogController, ListAccessLogHandler } from './access-log/access-log.controller';
import { AccessLoggedInterceptor } from './access-log/access-logged.interceptor';
import { analyticsEventsProvider } from './analytics-events';
import { AuditExportController } from './audit/audit-export.controller';
import { ComplaintEvents } from './audit/complaint-events';
import { ExportAuditHandler } from './audit/export-audit';
import { ComplaintHistoryController } from './audit/complaint-history.controller';
import { GetComplaintHistoryHandler } from './audit/get-complaint-history';
import { EvidenceFileChecks } from './audit/evidence-file-checks';
import { VerifyComplaintHistoryHandler } from './audit/verify-complaint-history';
import { ComplaintScope } from './complaint-scope';
import { ComplaintViewController } from './complaint-view/complaint-view.controller';
import { ComplaintViewWorker } from './complaint-view/complaint-view.worker';
import { GetComplaintHandler } from './complaint-view/get-complaint';
import { ListComplaintsHandler } from './complaint-view/list-complaints';
import { GetKpisHandler } from './kpi/get-kpis';
import { KpiBuilds } from './kpi/kpi-builds';
import { KpiCells } from './kpi/kpi-cells';
import { KpiRollupStore } from './kpi/kpi-rollup-store';
import { KpiRollupWorker } from './kpi/kpi-rollup.worker';
import { KpisController } from './kpi/kpis.controller';
import { GetRollupBuildsHandler, StartRollupRebuildHandler } from './kpi/kpi-rebuilds';
import { KpiRebuildsController } from './kpi/kpi-rebuilds.controller';
import { LinkedComplaints } from './personal-data-access';
import { Pseudonyms } from './complaint-view/pseudonyms';
import { GenerateReportHandler } from './reports/generate-report';
import { GetReportHandler } from './reports/get-report';
import { ReportAddresses } from './reports/report-address';
import { ReportFiguresReader } from './reports/report-figures';
import { ReportIssues } from './reports/report-issues';
import { ReportScheduler } from './reports/report-scheduler';
import {
  ChangeReportSettingsHandler,
  GetReportSettingsHandler,
  ReportSettingsStore,
} from './reports/report-settings';
import { ReportSettingsController } from './reports/report-settings.controller';
import { ReportsController } from './reports/reports.controller';
import { WriteReportFindingsHandler } from './reports/write-report-findings';
import { GetRegulatorReturnHandler } from './returns/get-regulator-return';
import { ReturnsController } from './returns/returns.controller';
import {
  ListServiceVolumesHandler,
  RecordServiceVolumeHandler,
  ServiceVolumesStore,
} from './volumes/service-volumes';
import { ServiceVolumesController } from './volumes/service-volumes.controller';

/** Analytics: read models of every complaint, and the audit history, each read a query on the bus. */
@Module({
  controllers: [
    ComplaintViewController,
    ComplaintHistoryController,
    AuditExportController,
    AccessLogController,
    KpisController,
    ReportsController,
    ReportSettingsController,
    ReturnsController,
    KpiRebuildsController,
    ServiceVolumesController,
  ],
  providers: [
    analyticsEventsProvider,
    ComplaintScope,
    ComplaintEvents,
    LinkedComplaints,
    Pseudonyms,
    GetComplaintHandler,
    ListComplaintsHandler,
    GetComplaintHistoryHandler,
    VerifyComplaintHistoryHandler,
    EvidenceFileChecks,
    ExportAuditHandler,
    AccessLog,
    KpiRollupStore,
    KpiBuilds,
    KpiCells,
    KpiRollupWorker,
    GetKpisHandler,
    ListAccessLogHandler,
    ReportFiguresReader,
    ReportAddresses,
    ReportIssues,
    GetReportHandler,
    GenerateReportHandler,
    WriteReportFindingsHandler,
    ReportSettingsStore,
    GetReportSettingsHandler,
    ChangeReportSettingsHandler,
    ReportScheduler,
    GetRegulatorReturnHandler,
    GetRollupBuildsHandler,
    StartRollupRebuildHandler,
    ServiceVolumesStore,
    ListServiceVolumesHandler,
    RecordServiceVolumeHandler,
    { provide: APP_INTERCEPTOR, useClass: AccessLoggedInterceptor },
    ComplaintViewWorker,
  ],
})
export class AnalyticsModule {}
