import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventTypeRegistry } from '@kesu/kernel';
import { BackgroundWorkers, DOCUMENT_STORE, MESSAGE_LOG, Metrics, watchConsumerLag } from '@kesu/platform';
import {
  type Consumer,
  type DocumentStore,
  type MessageLog,
  projectionGroup,
  runProjection,
} from '@kesu/ports';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { COMPLAINT_VIEWS, complaintViewProjection } from './complaint-view.projection';

/** The list's filters, each with its newest-first order (`GET /api/v1/complaints`). */
export const COMPLAINT_LIST_INDEXES = [
  ['tenantId', 'receivedAt'],
  ['tenantId', 'branchId', 'receivedAt'],
  ['tenantId', 'status', 'receivedAt'],
  ['tenantId', 'classification.category', 'receivedAt'],
  ['tenantId', 'classification.severity', 'receivedAt'],
] as const;

/** Runs the complaint view projection while the service is up, with the indexes its readers use. */
@Injectable()
export class ComplaintViewWorker implements OnModuleInit {
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {}

  async onModuleInit(): Promise<void> {
    const views = this.documents.collection(COMPLAINT_VIEWS);
    for (const fields of COMPLAINT_LIST_INDEXES) await views.ensureIndex(fields);
    await views.ensureIndex(['tenantId', 'searchTokens'], { multikey: true });
    const { name, topics } = complaintViewProjection;
    watchConsumerLag(this.metrics, this.log, projectionGroup(name), topics);
    this.workers.register({
      name: projectionGroup(name),
      start: () => {
        this.consumer = runProjection(complaintViewProjection, this.log, this.documents, this.registry);
      },
      stop: async () => {
        await this.consumer?.stop();
      },
    });
  }
}
