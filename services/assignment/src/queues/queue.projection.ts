import { ASSIGNMENT_TOPIC, assignmentEventTypes } from '@kesu/assignment-contracts';
import { evolveQueueItem, QUEUE_ITEM_TYPES, type QueueItem, type QueueRecord } from '@kesu/assignment-domain';
import { CLASSIFICATION_TOPIC, classificationEventTypes } from '@kesu/classification-contracts';
import { EventTypeRegistry } from '@kesu/kernel';
import type { Projected, Projection } from '@kesu/ports';
import { SLA_TOPIC, slaEventTypes } from '@kesu/sla-contracts';

/** A complaint the queues list (status `queued`, `assigned` or `accepted`). */
export type QueueItemDocument = QueueItem & Projected;
/** What the projection keeps: listed items, and the deadlines of complaints not placed yet. */
export type QueueRecordDocument = QueueRecord & Projected;

export const QUEUE_ITEMS = 'assignment_queue_items';

/** The event types the queues read, from assignment's, classification's and the SLA's contracts. */
export const queueEvents = (): EventTypeRegistry =>
  new EventTypeRegistry(
    [...assignmentEventTypes, ...classificationEventTypes, ...slaEventTypes].filter((e) =>
      (QUEUE_ITEM_TYPES as readonly string[]).includes(e.type),
    ),
  );

/**
 * The work queues: one item per open complaint dispatch placed, kept from its assignment events, its
 * classification's decisions and its SLA deadlines (all carry the complaint id as correlation id, so
 * a complaint's history folds it again when events arrive out of order across the topics). Raise
 * `version` whenever `evolveQueueItem` or `queueOrderOf` change: the items are then rebuilt at start-up.
 * 1: the first queues, ordered by severity, then receipt.
 * 2: ordered by the nearest SLA deadline still to be met, then severity, then receipt.
 */
export const queueProjection: Projection<QueueRecordDocument> = {
  name: 'assignment-queue',
  version: 2,
  collection: QUEUE_ITEMS,
  topics: [ASSIGNMENT_TOPIC, CLASSIFICATION_TOPIC, SLA_TOPIC],
  handles: [...QUEUE_ITEM_TYPES],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveQueueItem(doc, event),
  history: (id, _current, store) => store.readByCorrelationId(id),
};
