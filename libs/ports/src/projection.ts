import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import type { Collection, Document, DocumentStore } from './document-store';
import type { EventStore } from './event-store';
import type { Consumer, MessageLog } from './message-log';

/** The field every projected document carries: the global position of the last event applied. */
export interface Projected {
  readonly lastPosition: number;
}

/**
 * A read model: which events it handles, which document an event belongs to, and how the
 * document evolves. `evolve` is pure; returning null deletes the document.
 */
export interface Projection<D extends Document & Projected> {
  readonly name: string;
  readonly collection: string;
  readonly topics: readonly string[];
  readonly handles: readonly string[];
  readonly documentId: (event: RecordedEvent) => string;
  readonly evolve: (doc: D | null, event: RecordedEvent) => Omit<D, 'lastPosition'> | null;
}

/**
 * Applies events to their documents, idempotently: an event at or before its document's last
 * applied position is skipped, so redelivery and replays change nothing. The changed documents
 * are written together, in one atomic write. Returns how many documents changed.
 */
export async function applyToProjection<D extends Document & Projected>(
  projection: Projection<D>,
  collection: Collection<D>,
  registry: EventTypeRegistry,
  events: readonly RecordedEvent[],
): Promise<number> {
  const relevant = events
    .filter((event) => projection.handles.includes(event.type))
    .map((e) => registry.upcast(e));
  const ids = [...new Set(relevant.map(projection.documentId))];
  const docs = new Map<string, D | null>(ids.map((id) => [id, null]));
  for (const doc of await collection.getMany(ids)) docs.set(doc._id, doc);
  const changed = new Set<string>();
  for (const event of relevant) {
    const id = projection.documentId(event);
    const current = docs.get(id)!;
    if (current && current.lastPosition >= event.globalPosition) continue;
    const next = projection.evolve(current, event);
    docs.set(id, next === null ? null : ({ ...next, lastPosition: event.globalPosition } as D));
    changed.add(id);
  }
  const written = [...changed].map((id) => docs.get(id)).filter((doc): doc is D => doc != null);
  await collection.putMany(written);
  for (const id of changed) if (docs.get(id) === null) await collection.delete(id);
  return changed.size;
}

/** The consumer group a projection reads in. */
export const projectionGroup = (projectionName: string): string => `projection.${projectionName}`;

/** Keeps a projection up to date from the message log, in its own consumer group. */
export function runProjection<D extends Document & Projected>(
  projection: Projection<D>,
  log: MessageLog,
  documents: DocumentStore,
  registry: EventTypeRegistry,
): Consumer {
  const collection = documents.collection<D>(projection.collection);
  return log.consume({
    group: projectionGroup(projection.name),
    topics: projection.topics,
    handler: async (message) => {
      await applyToProjection(projection, collection, registry, [message.value as RecordedEvent]);
    },
    batchHandler: async (messages) => {
      await applyToProjection(
        projection,
        collection,
        registry,
        messages.map((m) => m.value as RecordedEvent),
      );
    },
  });
}

/** Rebuilds a projection from the event store's global log; returns the number of events read. */
export async function rebuildProjection<D extends Document & Projected>(
  projection: Projection<D>,
  store: EventStore,
  documents: DocumentStore,
  registry: EventTypeRegistry,
  batchSize = 5000,
): Promise<number> {
  const collection = documents.collection<D>(projection.collection);
  let position = 0;
  let read = 0;
  for (;;) {
    const events = await store.readAll({
      fromPosition: position,
      maxCount: batchSize,
      filter: { eventTypes: projection.handles },
    });
    if (events.length === 0) return read;
    await applyToProjection(projection, collection, registry, events);
    position = events[events.length - 1]!.globalPosition;
    read += events.length;
  }
}
