import { randomUUID } from 'node:crypto';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Clock, SystemClock } from './clock';
import type { Collection, Document, DocumentStore, Filter } from './document-store';
import { decodeEvent, decodeEvents } from './event-decoding';
import type { EventStore } from './event-store';
import { releaseLease, renewLease, takeLease } from './lease';
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

/** The collection recording, per projection, the fold version its documents were built with. */
export const PROJECTION_VERSIONS = 'projection_versions';

/** What a replica rebuilding a projection holds while it runs: a lease others wait on. */
export interface RebuildLease {
  readonly owner: string;
  readonly version: number;
  readonly startedAt: string;
  /** Epoch milliseconds of the owner's last sign of life; a lease older than `leaseMs` is taken over. */
  readonly heartbeatAt: number;
  /** Events folded so far. */
  readonly events: number;
}

/** One projection's entry in `projection_versions`; `_id` is the projection's name. */
export interface ProjectionVersionRecord extends Document {
  /** The version the documents were last built with; null before the first versioned build. */
  readonly version: number | null;
  readonly rebuiltAt: string | null;
  /** Events the last rebuild read. */
  readonly events: number;
  /** The rebuild in progress, if any. */
  readonly rebuild: RebuildLease | null;
}

export interface PrepareProjectionOptions {
  /** Who rebuilds, as other replicas see it (default a random id). */
  readonly owner?: string;
  readonly batchSize?: number;
  /** How long a lease lives without a heartbeat before another replica takes over (default 60 s). */
  readonly leaseMs?: number;
  /** How often a replica waiting on another's rebuild looks again (default 1 s). */
  readonly pollMs?: number;
  readonly clock?: Clock;
  /** Stops the rebuild (or the wait) between batches; the lease is released. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PrepareProgress) => void;
}

export type PrepareProgress =
  | {
      /** This replica rebuilds; `from` is the version found (null: none recorded). */
      readonly phase: 'rebuilding';
      readonly from: number | null;
      readonly events: number;
      readonly position: number;
    }
  | { readonly phase: 'waiting'; readonly owner: string; readonly events: number };

export type PrepareResult =
  /** The documents were built by this version: nothing was read. */
  | { readonly outcome: 'current'; readonly version: number }
  /** This replica rebuilt; stale documents no event touched were deleted. */
  | {
      readonly outcome: 'rebuilt';
      readonly version: number;
      readonly from: number | null;
      readonly events: number;
      readonly deleted: number;
    }
  /** Another replica rebuilt while this one waited. */
  | { readonly outcome: 'rebuilt-elsewhere'; readonly version: number; readonly owner: string }
  /** A newer fold built the documents: this code must not consume (see `prepareProjection`). */
  | { readonly outcome: 'superseded'; readonly version: number; readonly stored: number };

/** Another replica took over the lease while this one rebuilt. */
class LeaseLost extends Error {}

/**
 * Makes a projection's documents match its fold version before its consumer starts; call it, await
 * it, then `runProjection`. When `projection_versions` records this version, it returns at once
 * without reading an event. Otherwise (an older version, or none recorded — an existing collection
 * from before versions, or a new projection over an existing log) it rebuilds from the event
 * store's global log, deletes the documents of older versions no event touched (those whose events
 * the fold no longer handles; the fold's own nulls are deleted as it goes), and records the version.
 *
 * The consumer must not run meanwhile: an event it applied to a stale document would fold from null
 * and stamp the document with the new version and a late position, and the rebuild would then skip
 * the document's earlier events. Replicas starting together take a lease in `projection_versions`
 * (a compare-and-set): one rebuilds, heartbeating each batch; the others wait for the version to be
 * recorded, so no consumer runs anywhere while the rebuild writes. A lease whose heartbeat is older
 * than `leaseMs` (its owner died) is taken over; as the fold is deterministic and batches start at
 * the same positions, a taken-over owner that still writes produces the same documents, and it stops
 * at its next heartbeat.
 *
 * Versions only rise. When a newer version is recorded the result is `superseded` and nothing is
 * touched: an older replica still running during a rollout must not rebuild back and forth with
 * the new ones, nor consume (its consumer group would take events away from them). To roll a
 * fold back, release the old fold under a higher version.
 */
export async function prepareProjection<D extends Document & Projected>(
  projection: Projection<D>,
  store: EventStore,
  documents: DocumentStore,
  registry: EventTypeRegistry,
  options: PrepareProjectionOptions = {},
): Promise<PrepareResult> {
  const { version, name } = projection;
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`projection ${name}: version must be a positive integer, not ${version}`);
  }
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  const clock = options.clock ?? new SystemClock();
  const versions = documents.collection<ProjectionVersionRecord>(PROJECTION_VERSIONS);
  let waitedOn: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const record = await versions.get(name);
    const stored = record?.version ?? null;
    if (stored === version) {
      return waitedOn === null
        ? { outcome: 'current', version }
        : { outcome: 'rebuilt-elsewhere', version, owner: waitedOn };
    }
    if (stored !== null && stored > version) return { outcome: 'superseded', version, stored };

    if (await claim(versions, name, stored, { owner, version, clock, leaseMs })) {
      try {
        return await rebuildHolding(projection, store, documents, registry, versions, owner, stored, {
          ...options,
          clock,
        });
      } catch (error) {
        if (!(error instanceof LeaseLost)) {
          await release(versions, name, owner).catch(() => undefined);
          throw error;
        }
      }
    }
    // Not ours: another replica rebuilds (wait for it), or the version moved since it was read.
    const lease = (await versions.get(name))?.rebuild;
    if (!lease) continue;
    if (lease.owner !== owner) {
      waitedOn = lease.owner;
      options.onProgress?.({ phase: 'waiting', owner: lease.owner, events: lease.events });
    }
    await sleep(options.pollMs ?? 1000, options.signal);
  }
}

/** Takes the rebuild lease if the version is still `stored` and nobody holds a live lease. */
async function claim(
  versions: Collection<ProjectionVersionRecord>,
  name: string,
  stored: number | null,
  { owner, version, clock, leaseMs }: { owner: string; version: number; clock: Clock; leaseMs: number },
): Promise<boolean> {
  await versions.update(
    name,
    { $setOnInsert: { version: null, rebuiltAt: null, events: 0, rebuild: null } },
    { upsert: true },
  );
  const now = clock.now();
  const lease: RebuildLease = {
    owner,
    version,
    startedAt: now.toISOString(),
    heartbeatAt: now.getTime(),
    events: 0,
  };
  return (
    (await takeLease(versions, name, { field: 'rebuild', lease, leaseMs, filter: { version: stored } })) !==
    null
  );
}

async function rebuildHolding<D extends Document & Projected>(
  projection: Projection<D>,
  store: EventStore,
  documents: DocumentStore,
  registry: EventTypeRegistry,
  versions: Collection<ProjectionVersionRecord>,
  owner: string,
  from: number | null,
  options: PrepareProjectionOptions & { clock: Clock },
): Promise<PrepareResult> {
  const { name, version } = projection;
  const { clock } = options;
  const mine: Filter = { 'rebuild.owner': owner };
  const startedAt = clock.now().toISOString();
  /** Renews the lease, or throws LeaseLost when another replica took it over. */
  const heartbeat = async (events: number) => {
    const lease: RebuildLease = { owner, version, startedAt, heartbeatAt: clock.now().getTime(), events };
    if (!(await renewLease(versions, name, 'rebuild', lease))) throw new LeaseLost();
  };
  options.onProgress?.({ phase: 'rebuilding', from, events: 0, position: 0 });
  const events = await rebuildProjection(projection, store, documents, registry, {
    batchSize: options.batchSize,
    signal: options.signal,
    onBatch: async ({ events, position }) => {
      await heartbeat(events);
      options.onProgress?.({ phase: 'rebuilding', from, events, position });
    },
  });
  const deleted = await deleteOlderDocuments(documents.collection<D>(projection.collection), version, () =>
    heartbeat(events),
  );
  const done = await versions.update(
    name,
    { $set: { version, rebuiltAt: clock.now().toISOString(), events, rebuild: null } },
    { filter: mine },
  );
  // Taken over at the very end: the other owner is rebuilding now; wait for it like any replica.
  if (!done) throw new LeaseLost();
  return { outcome: 'rebuilt', version, from, events, deleted };
}

/**
 * Deletes the documents of older versions (or none) that a complete rebuild left: no event the
 * fold handles leads to them any more. Returns how many were deleted.
 */
async function deleteOlderDocuments<D extends Document & Projected>(
  collection: Collection<D>,
  version: number,
  heartbeat: () => Promise<void>,
): Promise<number> {
  let deleted = 0;
  for (const filter of [{ projectionVersion: null }, { projectionVersion: { $lt: version } }] as Filter[]) {
    let cursor: string | undefined;
    do {
      const page = await collection.find(filter, { limit: 500, cursor });
      for (const doc of page.items) if (await collection.delete(doc._id)) deleted++;
      cursor = page.nextCursor ?? undefined;
      if (cursor) await heartbeat();
    } while (cursor);
  }
  return deleted;
}

async function release(versions: Collection<ProjectionVersionRecord>, name: string, owner: string) {
  await releaseLease(versions, name, 'rebuild', owner);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    }
  });
}
