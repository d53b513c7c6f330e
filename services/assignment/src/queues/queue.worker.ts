import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Projections } from '@kesu/platform';
import { queueEvents, queueProjection } from './queue.projection';

/** The queues' filters, each in queue order. */
export const QUEUE_INDEXES = [
  ['tenantId', 'assigneeId', 'queueOrder'],
  ['tenantId', 'departmentId', 'queueOrder'],
  ['tenantId', 'departmentId', 'status', 'queueOrder'],
] as const;

/** Runs the queue projection while the service is up, with the indexes its readers use. */
@Injectable()
export class QueueWorker implements OnModuleInit {
  constructor(private readonly projections: Projections) {}

  async onModuleInit(): Promise<void> {
    await this.projections.register({
      projection: queueProjection,
      events: queueEvents(),
      indexes: QUEUE_INDEXES.map((fields) => ({ fields })),
    });
  }
}
