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

/** Runs the complaint view projection while the service is up. */
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
    await views.ensureIndex(['tenantId', 'receivedAt']);
    await views.ensureIndex(['tenantId', 'branchId', 'receivedAt']);
    await views.ensureIndex(['tenantId', 'status', 'receivedAt']);
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
