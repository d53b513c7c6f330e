import type { EventTypeRegistry } from '@kesu/kernel';
import type { Document, DocumentStore } from './document-store';
import type { EventStore } from './event-store';
import { applyToProjection, type Projected, type Projection } from './projection';

export interface RebuildOptions {
  /** Events read from the global log at a time (default 5000). */
  readonly batchSize?: number;
  /** Checked between batches: an aborted rebuild stops with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each batch is written, with the events read so far and the last position. */
  readonly onBatch?: (progress: {
    readonly events: number;
    readonly position: number;
  }) => void | Promise<void>;
}

/**
 * Rebuilds a projection from the event store's global log; returns the number of events read.
 * Documents already folded by this version skip what they hold (the position guard), so a rebuild
 * that was interrupted resumes where it stopped, only reading again. It yields to the event loop
 * between batches, so a process answers its health checks while a long rebuild runs on a
 * synchronous store.
 */
export async function rebuildProjection<D extends Document & Projected>(
  projection: Projection<D>,
  store: EventStore,
  documents: DocumentStore,
  registry: EventTypeRegistry,
  options: RebuildOptions = {},
): Promise<number> {
  const collection = documents.collection<D>(projection.collection);
  const batchSize = options.batchSize ?? 5000;
  let position = 0;
  let read = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const events = await store.readAll({
      fromPosition: position,
      maxCount: batchSize,
      filter: { eventTypes: projection.handles },
    });
    if (events.length === 0) return read;
    await applyToProjection(projection, collection, registry, events);
    position = events[events.length - 1]!.globalPosition;
    read += events.length;
    await options.onBatch?.({ events: read, position });
    await yieldToEventLoop();
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
