import type { Collection, Filter, Update } from './document-store';
import { isLive, type Lease, releaseLease, renewLease, takeLease } from './lease';

type Run = { _id: string; tenant: string; lease?: Lease | null; note?: string };

const at = (doc: object, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key] ?? null, doc);

/** The part of a collection the lease helpers use: `update` with `$set` and a filter (equality, `$lt`). */
function memoryCollection(docs: Run[]) {
  const stored = new Map(docs.map((doc) => [doc._id, doc]));
  const matches = (doc: Run, filter: Filter) =>
    Object.entries(filter).every(([path, condition]) =>
      condition !== null && typeof condition === 'object'
        ? (at(doc, path) as number) < (condition.$lt as number)
        : at(doc, path) === condition,
    );
  const collection = {
    update: async (id: string, update: Update, options: { filter?: Filter } = {}) => {
      const doc = stored.get(id);
      if (!doc || !matches(doc, options.filter ?? {})) return null;
      const next = { ...doc, ...update.$set } as Run;
      stored.set(id, next);
      return next;
    },
  } as unknown as Collection<Run>;
  return { collection, stored };
}

const LEASE_MS = 1000;
const lease = (owner: string, heartbeatAt: number): Lease => ({ owner, heartbeatAt });

describe('leases', () => {
  it('takes an unclaimed lease (null or absent), setting the other fields with it', async () => {
    const { collection, stored } = memoryCollection([
      { _id: 'a', tenant: 't' },
      { _id: 'b', tenant: 't', lease: null },
    ]);
    for (const id of ['a', 'b']) {
      const taken = await takeLease(collection, id, {
        field: 'lease',
        lease: lease('r1', 5000),
        leaseMs: LEASE_MS,
        set: { note: 'mine' },
      });
      expect(taken).toMatchObject({ lease: { owner: 'r1', heartbeatAt: 5000 }, note: 'mine' });
    }
    expect(stored.get('a')!.lease?.owner).toBe('r1');
  });

  it('refuses a lease another owner renewed within the lease time, and takes it over once older', async () => {
    const { collection, stored } = memoryCollection([{ _id: 'a', tenant: 't', lease: lease('r1', 5000) }]);
    const by = (owner: string, now: number) =>
      takeLease(collection, 'a', { field: 'lease', lease: lease(owner, now), leaseMs: LEASE_MS });
    expect(await by('r2', 6000)).toBeNull();
    expect(stored.get('a')!.lease).toEqual(lease('r1', 5000));
    expect(await by('r2', 6001)).toMatchObject({ lease: { owner: 'r2', heartbeatAt: 6001 } });
  });

  it('takes nothing when the document does not match the filter', async () => {
    const { collection } = memoryCollection([{ _id: 'a', tenant: 't' }]);
    const taken = await takeLease(collection, 'a', {
      field: 'lease',
      lease: lease('r1', 1),
      leaseMs: LEASE_MS,
      filter: { tenant: 'other' },
    });
    expect(taken).toBeNull();
  });

  it('renews and releases only the owner’s own lease', async () => {
    const { collection, stored } = memoryCollection([{ _id: 'a', tenant: 't', lease: lease('r1', 5000) }]);
    expect(await renewLease(collection, 'a', 'lease', lease('r2', 5500))).toBeNull();
    expect(await renewLease(collection, 'a', 'lease', lease('r1', 5500))).toMatchObject({
      lease: { heartbeatAt: 5500 },
    });
    expect(await releaseLease(collection, 'a', 'lease', 'r2')).toBe(false);
    expect(await releaseLease(collection, 'a', 'lease', 'r1')).toBe(true);
    expect(stored.get('a')!.lease).toBeNull();
  });

  it('calls a lease live while its heartbeat is within the lease time', () => {
    expect(isLive(lease('r1', 5000), 6000, LEASE_MS)).toBe(true);
    expect(isLive(lease('r1', 5000), 6001, LEASE_MS)).toBe(false);
    expect(isLive(null, 0, LEASE_MS)).toBe(false);
  });
});
