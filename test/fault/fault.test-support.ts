import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Document, type Projected, type Projection, rebuildProjection } from '@kesu/ports';
import type { DatabaseSync } from 'node:sqlite';
import type { HostProcess } from '../e2e/host-process';
import { caughtUp } from '../security/stored-state.test-support';

/** A small deterministic generator (mulberry32): the same seed, the same crash moments. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Whether a message of the follow-up outbox is due for delivery within `withinMs`: a message a
 * killed process had claimed waits for its claim to run out, then another process delivers it.
 */
export function deliveriesDue(db: DatabaseSync, withinMs = 120_000): boolean {
  const by = new Date(Date.now() + withinMs).toISOString();
  const due = db
    .prepare(
      `SELECT COUNT(*) AS n FROM documents WHERE collection = 'follow-up-timers'
       AND json_extract(doc, '$.kind') = 'delivery' AND json_extract(doc, '$.dueAt') <= ?`,
    )
    .get(by);
  return Number(due?.n) > 0;
}

/**
 * Waits until the host's background work has caught up with every event and no outbox delivery is
 * due soon (at most `ms`: a bound for a failure; a backlog of thousands takes minutes on 2 cores).
 */
export async function settled(host: HostProcess, ms = 600_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (let twice = 0; twice < 2;) {
    if (Date.now() > deadline) throw new Error(`the host did not catch up within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
    twice = host.sql((db) => caughtUp(db) && !deliveriesDue(db)) ? twice + 1 : 0;
  }
}

/** The bookkeeping of a projected document, which a rebuild writes afresh. */
const withoutBookkeeping = ({
  lastPosition: _p,
  projectionVersion: _v,
  documentRevision: _r,
  ...doc
}: Projected) => doc;

/**
 * A projection's documents as the stopped host left them in `dataDir`, beside the same projection
 * rebuilt from that directory's event store into a store of its own: the two must be equal.
 */
export async function liveAndRebuilt<D extends Document & Projected>(
  dataDir: string,
  projection: Projection<D>,
  registry: EventTypeRegistry,
): Promise<{ live: Record<string, unknown>; rebuilt: Record<string, unknown> }> {
  const stopped = createEmbeddedStorage({ dataDir });
  const fresh = createEmbeddedStorage({ dataDir: ':memory:' });
  try {
    await rebuildProjection(projection, stopped.eventStore, fresh.documents, registry);
    const all = async (storage: typeof stopped) => {
      const docs: Record<string, unknown> = {};
      let cursor: string | undefined;
      do {
        const page = await storage.documents.collection<D>(projection.collection).find(
          {},
          {
            limit: 1000,
            ...(cursor && { cursor }),
          },
        );
        for (const doc of page.items) docs[doc._id] = withoutBookkeeping(doc);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return docs;
    };
    return { live: await all(stopped), rebuilt: await all(fresh) };
  } finally {
    await stopped.close();
    await fresh.close();
  }
}
