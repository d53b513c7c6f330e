import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import type { Collection, Document, DocumentStore } from './document-store';
import { decodeEvent, decodeEvents } from './event-decoding';
import type { EventStore } from './event-store';
import type { Consumer, MessageLog } from './message-log';

/** The fields every projected document carries, written by `applyToProjection`, never by `evolve`. */
export interface Projected {
  /** The global position of the last event applied. */
  readonly lastPosition: number;
  /** The version of the fold that built the document (`Projection.version`). */
  readonly projectionVersion: number;
  /**
   * How often the document was written: what a writer compares before replacing it (absent on
   * documents written before it was kept).
   */
  readonly documentRevision?: number;
}

/**
 * A read model: which events it handles, which document an event belongs to, and how the
 * document evolves. `evolve` is pure; returning null deletes the document.
 */
export interface Projection<D extends Document & Projected> {
  readonly name: string;
  /**
   * The version of the fold, a positive integer. Raise it whenever `evolve`, `handles` or
   * `documentId` change what the projection produces: documents of an older version are then
   * folded again from the event store (`prepareProjection`) instead of being patched.
   */
  readonly version: number;
  readonly collection: string;
  readonly topics: readonly string[];
  readonly handles: readonly string[];
  /**
   * The document an event belongs to, or the documents of an event about several (a collective
   * incident naming its complaints): each evolves with it.
   */
  readonly documentId: (event: RecordedEvent) => string | readonly string[];
  readonly evolve: (doc: D | null, event: RecordedEvent) => Omit<D, keyof Projected> | null;
  /**
   * The events a document is folded from, read from the event store (the document as stored, to
   * find the other streams it folds). Given, an event that arrives out of order — at or before the
   * document's last applied position, or about a document whose first event has not arrived —
   * folds the document again from its history instead of being dropped: topics keep the order of
   * each stream, not across streams, so a consumer of several topics sees them interleaved.
   */
  readonly history?: (id: string, current: D | null, store: EventStore) => Promise<readonly RecordedEvent[]>;
}

/** Writes of one document that lost to another writer before an apply gives up. */
const MAX_WRITE_ATTEMPTS = 10;

/**
 * Applies events to their documents (one or several per event), idempotently: an event at or before
 * its document's last applied position changes nothing, so redelivery and replays change nothing.
 * With an event store and a projection that names its documents' `history`, such an event, and one
 * that cannot start a document which does not exist yet, folds the document again from its history
 * in the store (with the event itself, in case the store's index lags): an event delivered out of
 * order across streams is then folded in its place rather than lost. A stored document of an
 * older fold version (or of none) counts as absent: the event folds from null and replaces it. One
 * of a newer version is left alone: a newer fold owns it, and an older replica still running during
 * a rollout must not undo its work.
 *
 * Each changed document is written with a compare-and-set on its `documentRevision`: a consumer
 * handles its partitions (and topics) side by side, in one process or several, and the events of
 * one document arrive on several of them (a complaint's own, and its incident's), so two batches
 * may fold the same document at once. The one that loses reads the document again and applies its
 * events to it. Returns how many documents changed.
 */
export async function applyToProjection<D extends Document & Projected>(
  projection: Projection<D>,
  collection: Collection<D>,
  registry: EventTypeRegistry,
  events: readonly RecordedEvent[],
  store?: EventStore,
): Promise<number> {
  const relevant = events
    .filter((event) => projection.handles.includes(event.type))
    .map((e) => registry.upcast(e));
  const changed = new Set<string>();
  let pending = [...new Set(relevant.flatMap((event) => documentIds(projection, event)))];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const outcome = await applyOnce(projection, collection, registry, relevant, pending, store);
    for (const id of outcome.changed) changed.add(id);
    if (outcome.conflicts.length > 0 && attempt >= MAX_WRITE_ATTEMPTS)
      throw new Error(
        `${projection.name}: other writers kept changing ${outcome.conflicts.join(', ')}; the delivery is tried again`,
      );
    pending = outcome.conflicts;
  }
  return changed.size;
}

const documentIds = <D extends Document & Projected>(
  projection: Projection<D>,
  event: RecordedEvent,
): readonly string[] => {
  const id = projection.documentId(event);
  return typeof id === 'string' ? [id] : id;
};

/**
 * One pass of `applyToProjection` over these documents: reads them, folds the events in, and writes
 * each changed one unless another writer changed it since; answers those (`conflicts`).
 */
async function applyOnce<D extends Document & Projected>(
  projection: Projection<D>,
  collection: Collection<D>,
  registry: EventTypeRegistry,
  relevant: readonly RecordedEvent[],
  ids: readonly string[],
  store: EventStore | undefined,
): Promise<{ changed: string[]; conflicts: string[] }> {
  const targets = (event: RecordedEvent) => documentIds(projection, event);
  const docs = new Map<string, D | null>(ids.map((id) => [id, null]));
  /** The stored documents as read: what each write compares against. */
  const stored = new Map<string, D>();
  const newer = new Set<string>();
  for (const doc of await collection.getMany(ids)) {
    stored.set(doc._id, doc);
    const version = doc.projectionVersion ?? 0;
    if (version === projection.version) docs.set(doc._id, doc);
    else if (version > projection.version) newer.add(doc._id);
  }
  const changed = new Set<string>();
  /** Per document folded again from its history in this call, the events that fold held. */
  const refolded = new Map<string, Set<string>>();
  const stamp = (id: string, next: Omit<D, keyof Projected> | null, position: number): D | null =>
    next &&
    ({
      ...next,
      _id: id,
      lastPosition: position,
      projectionVersion: projection.version,
      documentRevision: (stored.get(id)?.documentRevision ?? 0) + 1,
    } as D);
  for (const event of relevant)
    for (const id of targets(event)) {
      if (!docs.has(id) || newer.has(id) || refolded.get(id)?.has(event.eventId)) continue;
      const current = docs.get(id)!;
      const late = current !== null && current.lastPosition >= event.globalPosition;
      if (late && (!projection.history || !store || current.lastPosition === event.globalPosition)) continue;
      const next = late ? null : projection.evolve(current, event);
      if (late || (current === null && next === null && projection.history && store)) {
        const batch = relevant.filter((e) => targets(e).includes(id));
        const history = await historyWith(projection, store!, registry, id, current, batch);
        if (current && history.at(-1)!.globalPosition < current.lastPosition) {
          throw new Error(
            `the event store's history of ${id} ends before position ${current.lastPosition}, which its ` +
              `${projection.name} document holds: its index is behind; the delivery is tried again`,
          );
        }
        refolded.set(id, new Set(history.map((e) => e.eventId)));
        const folded = history.reduce<Omit<D, keyof Projected> | null>(
          (doc, e) => projection.evolve(doc as D | null, e),
          null,
        );
        docs.set(id, stamp(id, folded, history.at(-1)!.globalPosition));
      } else {
        docs.set(id, stamp(id, next, event.globalPosition));
      }
      changed.add(id);
    }
  const conflicts: string[] = [];
  await Promise.all(
    [...changed].map(async (id) => {
      const doc = docs.get(id)!;
      const before = stored.get(id);
      const expected = before ? { documentRevision: before.documentRevision ?? null } : null;
      // a document folded away: deleted (no compare-and-set; a fold deleting is final)
      if (doc === null) await collection.delete(id);
      else if (!(await collection.replaceIf(doc, expected))) conflicts.push(id);
    }),
  );
  return { changed: [...changed].filter((id) => !conflicts.includes(id)), conflicts };
}

/**
 * A document's history from the store, with the delivered events about it (in case the store's
 * index lags behind them), once each, in global order.
 */
async function historyWith<D extends Document & Projected>(
  projection: Projection<D>,
  store: EventStore,
  registry: EventTypeRegistry,
  id: string,
  current: D | null,
  delivered: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  const byId = new Map<string, RecordedEvent>(delivered.map((e) => [e.eventId, e]));
  for (const e of await projection.history!(id, current, store))
    if (projection.handles.includes(e.type)) byId.set(e.eventId, registry.upcast(e));
  return [...byId.values()].sort((a, b) => a.globalPosition - b.globalPosition);
}

/** The consumer group a projection reads in. */
export const projectionGroup = (projectionName: string): string => `projection.${projectionName}`;

/**
 * Keeps a projection up to date from the message log, in its own consumer group, each message
 * decoded and upcast through `registry` (`decodeEvent`). With the event store, events that arrive
 * out of order fold their documents again from it (`applyToProjection`). Services run theirs through
 * the platform's projection worker, which prepares the documents first; this is the bare loop.
 */
export function runProjection<D extends Document & Projected>(
  projection: Projection<D>,
  log: MessageLog,
  documents: DocumentStore,
  registry: EventTypeRegistry,
  store?: EventStore,
): Consumer {
  const collection = documents.collection<D>(projection.collection);
  const apply = (events: RecordedEvent[]) =>
    applyToProjection(projection, collection, registry, events, store);
  return log.consume({
    group: projectionGroup(projection.name),
    topics: projection.topics,
    handler: async (message) => {
      const event = decodeEvent(message, registry);
      if (event) await apply([event]);
    },
    batchHandler: async (messages) => {
      await apply(decodeEvents(messages, registry));
    },
  });
}
