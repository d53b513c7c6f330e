import { ASSIGNMENT_TOPIC, assignmentEventTypes } from '@kesu/assignment-contracts';
import { evolveQueueItem, QUEUE_ITEM_TYPES, type QueueItem } from '@kesu/assignment-domain';
import { CLASSIFICATION_TOPIC, classificationEventTypes } from '@kesu/classification-contracts';
import { EventTypeRegistry } from '@kesu/kernel';
import type { Projected, Projection } from '@kesu/ports';

export type QueueItemDocument = QueueItem & Projected;

export const QUEUE_ITEMS = 'assignment_queue_items';

/** The event types the queues read, from assignment's and classification's contracts. */
export const queueEvents = (): EventTypeRegistry =>
  new EventTypeRegistry(
    [...assignmentEventTypes, ...classificationEventTypes].filter((e) =>
      (QUEUE_ITEM_TYPES as readonly string[]).includes(e.type),
    ),
  );

/**
 * The work queues: one item per open complaint dispatch placed, kept from its assignment events and
 * its classification's decisions (both carry the complaint id as correlation id, so a complaint's
 * history folds it again when events arrive out of order across the two topics). Raise `version`
 * whenever `evolveQueueItem` or `queueOrderOf` change: the items are then rebuilt at start-up.
 * 1: the first queues, ordered by severity, then receipt.
 */
export const queueProjection: Projection<QueueItemDocument> = {
  name: 'assignment-queue',
  version: 1,
  collection: QUEUE_ITEMS,
  topics: [ASSIGNMENT_TOPIC, CLASSIFICATION_TOPIC],
  handles: [...QUEUE_ITEM_TYPES],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveQueueItem(doc, event),
  history: (id, _current, store) => store.readByCorrelationId(id),
};
