import { randomUUID } from 'node:crypto';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Clock, SystemClock } from './clock';
import type { Collection, Document, DocumentStore, Filter } from './document-store';
import type { EventStore } from './event-store';
import { releaseLease, renewLease, takeLease } from './lease';
import type { Projected, Projection } from './projection';
import { rebuildProjection } from './projection-rebuild';

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
