import { ManualClock } from './clock';
import type { Collection, Filter, Update } from './document-store';
import { type LeaderLeaseDocument, Leadership, type LeadershipOptions } from './leadership';

const at = (doc: object, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key] ?? null, doc);

/** What Leadership uses of a collection: get, and update with $set / $setOnInsert, equality and $lt. */
function memoryCollection() {
  const stored = new Map<string, LeaderLeaseDocument>();
  let failing = false;
  const matches = (doc: LeaderLeaseDocument, filter: Filter) =>
    Object.entries(filter).every(([path, condition]) =>
      condition !== null && typeof condition === 'object'
        ? (at(doc, path) as number) < (condition.$lt as number)
        : at(doc, path) === condition,
    );
  const reachable = () => {
    if (failing) throw new Error('store unreachable');
  };
  const collection = {
    get: async (id: string) => (reachable(), stored.get(id) ?? null),
    update: async (id: string, update: Update, options: { upsert?: boolean; filter?: Filter } = {}) => {
      reachable();
      const doc = stored.get(id);
      if (!doc) {
        if (!options.upsert) return null;
        const inserted = { _id: id, ...update.$setOnInsert, ...update.$set } as LeaderLeaseDocument;
        stored.set(id, inserted);
        return inserted;
      }
      if (!matches(doc, options.filter ?? {})) return null;
      const next = { ...doc, ...update.$set } as LeaderLeaseDocument;
      stored.set(id, next);
      return next;
    },
  } as unknown as Collection<LeaderLeaseDocument>;
  return { collection, stored, fail: (on: boolean) => (failing = on) };
}

const LEASE_MS = 1000;

function leadership(
  store: ReturnType<typeof memoryCollection>,
  clock: ManualClock,
  owner: string,
  overrides: Partial<LeadershipOptions> = {},
) {
  const journal: string[] = [];
  const errors: unknown[] = [];
  const made = new Leadership({
    collection: store.collection,
    role: 'relay',
    owner,
    clock,
    leaseMs: LEASE_MS,
    checkMs: 60_000, // checks are run by hand below
    lead: () => void journal.push('lead'),
    follow: async () => void journal.push('follow'),
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { leadership: made, journal, errors };
}

describe('leadership', () => {
  it('leads when nobody does, renews, and releases the lease when stopped', async () => {
    const store = memoryCollection();
    const clock = new ManualClock();
    const a = leadership(store, clock, 'a');
    const b = leadership(store, clock, 'b');
    await a.leadership.start();
    await b.leadership.start();
    expect([a.leadership.leading, b.leadership.leading]).toEqual([true, false]);

    clock.advance(LEASE_MS - 1);
    await a.leadership.check(); // renewed: b's check finds a live lease
    clock.advance(LEASE_MS - 1);
    await b.leadership.check();
    expect(b.leadership.leading).toBe(false);

    await a.leadership.stop();
    expect(a.journal).toEqual(['lead', 'follow']);
    expect(store.stored.get('relay')?.lease).toBeNull();
    await b.leadership.check();
    expect(b.leadership.leading).toBe(true);
    await b.leadership.stop();
  });

  it('steps down when its lease was taken over, without touching the new holder’s lease', async () => {
    const store = memoryCollection();
    const clock = new ManualClock();
    const a = leadership(store, clock, 'a');
    const b = leadership(store, clock, 'b');
    await a.leadership.start();
    await b.leadership.start();
    clock.advance(LEASE_MS + 1); // a paused past its lease
    await b.leadership.check();
    expect(b.leadership.leading).toBe(true);
    await a.leadership.check();
    expect(a.journal).toEqual(['lead', 'follow']);
    expect(a.leadership.leading).toBe(false);
    await a.leadership.stop();
    expect(store.stored.get('relay')?.lease?.owner).toBe('b');
    await b.leadership.stop();
  });

  it('keeps leading while the store is briefly unreachable, and steps down after a whole lease of it', async () => {
    const store = memoryCollection();
    const clock = new ManualClock();
    const a = leadership(store, clock, 'a');
    await a.leadership.start();
    store.fail(true);
    clock.advance(LEASE_MS / 2);
    await a.leadership.check();
    expect(a.leadership.leading).toBe(true);
    clock.advance(LEASE_MS);
    await a.leadership.check();
    expect(a.leadership.leading).toBe(false);
    expect(a.journal).toEqual(['lead', 'follow']);
    expect(a.errors).toHaveLength(2);
    store.fail(false);
    await a.leadership.stop();
  });

  it('releases the lease when its work fails to start, and tries again at the next check', async () => {
    const store = memoryCollection();
    const clock = new ManualClock();
    let attempts = 0;
    const a = leadership(store, clock, 'a', {
      lead: () => {
        if (++attempts === 1) throw new Error('subscription failed');
      },
    });
    await a.leadership.start();
    expect(a.leadership.leading).toBe(false);
    expect(store.stored.get('relay')?.lease).toBeNull();
    expect(a.errors).toEqual([new Error('subscription failed')]);
    await a.leadership.check();
    expect(a.leadership.leading).toBe(true);
    await a.leadership.stop();
  });

  it('takes at once the lease of a holder known to have ended', async () => {
    const store = memoryCollection();
    const clock = new ManualClock();
    store.stored.set('relay', {
      _id: 'relay',
      lease: { owner: 'ended', heartbeatAt: clock.now().getTime() },
    });
    const a = leadership(store, clock, 'a', { isGone: (owner) => owner === 'ended' });
    await a.leadership.start();
    expect(a.leadership.leading).toBe(true);
    store.stored.set('relay', {
      _id: 'relay',
      lease: { owner: 'alive', heartbeatAt: clock.now().getTime() },
    });
    const b = leadership(store, clock, 'b', { isGone: (owner) => owner === 'ended' });
    await b.leadership.start();
    expect(b.leadership.leading).toBe(false);
    await b.leadership.stop();
  });
});
