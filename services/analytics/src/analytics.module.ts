import { Module } from '@nestjs/common';
import { analyticsEventsProvider } from './analytics-events';
import { ComplaintHistoryController } from './audit/complaint-history.controller';
import { ComplaintListing } from './complaint-view/complaint-list.service';
import { ComplaintReader } from './complaint-view/complaint-reader.service';
import { ComplaintViewController } from './complaint-view/complaint-view.controller';
import { ComplaintViewWorker } from './complaint-view/complaint-view.worker';

/** Analytics: read models of every complaint, and the audit history. */
@Module({
  controllers: [ComplaintViewController, ComplaintHistoryController],
  providers: [analyticsEventsProvider, ComplaintReader, ComplaintListing, ComplaintViewWorker],
})
export class AnalyticsModule {}
