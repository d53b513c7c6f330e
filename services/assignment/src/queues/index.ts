import { ListQueueHandler } from './list-queue';
import { QueueWorker } from './queue.worker';
import { QueuesController } from './queues.controller';

export const queueControllers = [QueuesController];
export const queueProviders = [QueueWorker, ListQueueHandler];
