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
import { LinkedComplaints } from './personal-data-access';

/** Analytics: read models of every complaint, and the audit history, each read a query on the bus. */
@Module({
  controllers: [
    ComplaintViewController,
    ComplaintHistoryController,
    AuditExportController,
    AccessLogController,
    KpisController,
  ],
  providers: [
    analyticsEventsProvider,
    ComplaintScope,
    ComplaintEvents,
    LinkedComplaints,
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
    { provide: APP_INTERCEPTOR, useClass: AccessLoggedInterceptor },
    ComplaintViewWorker,
  ],
})
export class AnalyticsModule {}
