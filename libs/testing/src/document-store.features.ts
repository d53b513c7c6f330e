import type { Collection, Document, DocumentStore, Filter, FindOptions } from '@kesu/ports';
import { uniqueName } from './contract-helpers';

/** A document store under test. */
export interface DocumentStoreFixture {
  readonly documents: DocumentStore;
  readonly close: () => Promise<void>;
}

type Order = Document & {
  status?: string;
  amount?: number;
  customer?: { name?: string; tier?: string };
  [field: string]: unknown;
};

const statuses = ['open', 'closed', 'pending'];
const order = (i: number): Order => ({
  _id: `order-${String(i).padStart(3, '0')}`,
  status: statuses[i % 3],
  amount: (i % 7) * 10,
  customer: i % 4 === 0 ? { name: `c${i}` } : { name: `c${i}`, tier: i % 2 ? 'gold' : 'silver' },
});

/** The contract every document store adapter passes: MongoDB semantics on the port. */
export function documentStoreFeatures(name: string, factory: () => Promise<DocumentStoreFixture>): void {
  describe(`${name} document store`, () => {
    let fixture: DocumentStoreFixture;
    let orders: Collection<Order>;

    beforeEach(async () => {
      fixture = await factory();
      orders = fixture.documents.collection<Order>(uniqueName('orders'));
    });

    afterEach(() => fixture.close());

    async function findAll(filter: Filter, options: Omit<FindOptions, 'cursor'> = {}): Promise<Order[]> {
      const items: Order[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await orders.find(filter, { ...options, cursor: cursor ?? undefined });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    }
    const idsOf = (docs: readonly Order[]) => docs.map((d) => d._id).sort();

    it('drops a collection with its documents and indexes, and no other', async () => {
      const name = uniqueName('dropped');
      const dropped = fixture.documents.collection<Order>(name);
      await dropped.ensureIndex(['status'], { unique: true });
      await dropped.putMany(Array.from({ length: 2100 }, (_, i) => ({ ...order(i), status: `s${i}` })));
      await orders.put(order(1));
      await fixture.documents.drop(name);
      await fixture.documents.drop(name);
      await fixture.documents.drop(uniqueName('never'));
      expect(await dropped.count()).toBe(0);
      expect(await orders.get(order(1)._id)).toEqual(order(1));
      // the unique index went with it: the same status twice is accepted
      const again = fixture.documents.collection<Order>(name);
      await again.putMany([order(1), { ...order(2), status: order(1).status }]);
      expect(await again.count()).toBe(2);
    });

    it('puts, replaces, gets and deletes documents', async () => {
      expect(await orders.get('o1')).toBeNull();
      await orders.put({ _id: 'o1', status: 'open', customer: { name: 'Ana' } });
      expect(await orders.get('o1')).toEqual({ _id: 'o1', status: 'open', customer: { name: 'Ana' } });
      await orders.put({ _id: 'o1', amount: 5 });
      expect(await orders.get('o1')).toEqual({ _id: 'o1', amount: 5 });
      expect(await orders.delete('o1')).toBe(true);
      expect(await orders.get('o1')).toBeNull();
      expect(await orders.delete('o1')).toBe(false);
    });

    it('applies $set, $inc, $unset and $max on dot paths', async () => {
      await orders.put({ _id: 'o1', status: 'open', amount: 10, customer: { name: 'Ana' }, score: 3 });
      const updated = await orders.update('o1', {
        $set: { status: 'closed', 'customer.tier': 'gold' },
        $inc: { amount: 5, 'stats.views': 1 },
        $unset: { score: true },
        $max: { 'stats.best': 7 },
      });
      const expected = {
        _id: 'o1',
        status: 'closed',
        amount: 15,
        customer: { name: 'Ana', tier: 'gold' },
        stats: { views: 1, best: 7 },
      };
      expect(updated).toEqual(expected);
      expect(await orders.get('o1')).toEqual(expected);
      expect((await orders.update('o1', { $max: { 'stats.best': 5 } }))?.stats).toEqual({
        views: 1,
        best: 7,
      });
      expect((await orders.update('o1', { $max: { 'stats.best': 9 } }))?.stats).toEqual({
        views: 1,
        best: 9,
      });
      expect(await orders.update('missing', { $set: { status: 'x' } })).toBeNull();
      expect(await orders.get('missing')).toBeNull();
    });

    it('upserts, applying $setOnInsert only on insert', async () => {
      const update = (createdAt: string) => ({
        $setOnInsert: { createdAt },
        $set: { status: 'new' },
        $inc: { count: 1 },
      });
      expect(await orders.update('o1', update('first'), { upsert: true })).toEqual({
        _id: 'o1',
        createdAt: 'first',
        status: 'new',
        count: 1,
      });
      await orders.update('o1', update('second'), { upsert: true });
      expect(await orders.get('o1')).toEqual({ _id: 'o1', createdAt: 'first', status: 'new', count: 2 });
    });

    it('increments atomically under 50 concurrent updates', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => orders.update('counter', { $inc: { n: 1 } }, { upsert: true })),
      );
      expect((await orders.get('counter'))?.n).toBe(50);
      expect(results.map((doc) => doc?.n).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('updates only when the filter matches (compare-and-set)', async () => {
      await orders.put({ _id: 'o1', version: 1, status: 'open' });
      const cas = (version: number, status: string) =>
        orders.update('o1', { $set: { status }, $inc: { version: 1 } }, { filter: { version } });
      expect(await cas(1, 'first')).toEqual({ _id: 'o1', version: 2, status: 'first' });
      expect(await cas(1, 'stale')).toBeNull();
      expect(await orders.get('o1')).toEqual({ _id: 'o1', version: 2, status: 'first' });
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => cas(2, `racer-${i}`)));
      expect(racing.filter((doc) => doc !== null)).toHaveLength(1);
      expect((await orders.get('o1'))?.version).toBe(3);
    });

    it('queries indexed fields by equality, range and $in', async () => {
      await orders.ensureIndex(['status']);
      await orders.ensureIndex(['customer.tier', 'amount']);
      await orders.ensureIndex(['status']);
      const all = Array.from({ length: 30 }, (_, i) => order(i));
      await Promise.all(all.map((doc) => orders.put(doc)));
      const cases: Array<[Filter, (d: Order) => boolean]> = [
        [{ status: 'open' }, (d) => d.status === 'open'],
        [{ status: { $ne: 'closed' } }, (d) => d.status !== 'closed'],
        [{ amount: { $gte: 20, $lt: 50 } }, (d) => d.amount! >= 20 && d.amount! < 50],
        [{ amount: { $gt: 40 } }, (d) => d.amount! > 40],
        [{ amount: { $lte: 10 } }, (d) => d.amount! <= 10],
        [{ status: { $in: ['open', 'pending'] } }, (d) => d.status !== 'closed'],
        [
          { 'customer.tier': 'gold', amount: { $gt: 10 } },
          (d) => d.customer?.tier === 'gold' && d.amount! > 10,
        ],
        [{ 'customer.tier': null }, (d) => d.customer?.tier === undefined],
        [{ status: { $eq: 'pending' }, 'customer.name': 'c5' }, (d) => d._id === 'order-005'],
      ];
      for (const [filter, matches] of cases) {
        const expected = idsOf(all.filter(matches));
        expect(expected.length).toBeGreaterThan(0);
        expect(idsOf(await findAll(filter))).toEqual(expected);
        expect(await orders.count(filter)).toBe(expected.length);
      }
    });

    it('puts several documents at once, all or none, and gets several by id', async () => {
      await orders.putMany([
        { _id: 'm1', status: 'open' },
        { _id: 'm2', status: 'closed' },
      ]);
      expect(idsOf((await orders.find({})).items)).toEqual(['m1', 'm2']);
      expect(idsOf(await orders.getMany(['m2', 'missing', 'm1']))).toEqual(['m1', 'm2']);
      expect(await orders.getMany([])).toEqual([]);
      await orders.ensureIndex(['email'], { unique: true });
      await expect(
        orders.putMany([
          { _id: 'm3', email: 'same@example.org' },
          { _id: 'm4', email: 'same@example.org' },
        ]),
      ).rejects.toThrow();
      expect(await orders.get('m3')).toBeNull();
      expect(await orders.count({})).toBe(2);
    });

    it('replaces a whole document only while it is as the writer read it (compare-and-set)', async () => {
      expect(await orders.replaceIf({ _id: 'c1', status: 'open', amount: 1 }, null)).toBe(true);
      // inserting only while absent
      expect(await orders.replaceIf({ _id: 'c1', status: 'closed' }, null)).toBe(false);
      expect(await orders.get('c1')).toEqual({ _id: 'c1', status: 'open', amount: 1 });
      // replacing (fields it lacks are gone) only while the stored one matches
      expect(await orders.replaceIf({ _id: 'c1', status: 'pending' }, { amount: 2 })).toBe(false);
      expect(await orders.replaceIf({ _id: 'c1', status: 'pending' }, { amount: 1 })).toBe(true);
      expect(await orders.get('c1')).toEqual({ _id: 'c1', status: 'pending' });
      expect(await orders.replaceIf({ _id: 'missing', status: 'open' }, { status: 'open' })).toBe(false);
      expect(await orders.get('missing')).toBeNull();
      // of two writers that read the same document, one wins
      const outcomes = await Promise.all(
        ['a', 'b'].map((writer) => orders.replaceIf({ _id: 'c1', status: writer }, { status: 'pending' })),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(['a', 'b']).toContain((await orders.get('c1'))!.status);
    });

    it('rejects a second document with the same value of a unique index', async () => {
      await orders.ensureIndex(['email'], { unique: true });
      await orders.put({ _id: 'a', email: 'x@example.org' });
      await expect(orders.put({ _id: 'b', email: 'x@example.org' })).rejects.toThrow();
      expect(await orders.count({})).toBe(1);
    });

    it('keeps documents out of a unique index while a field of it is missing or null, as SQL does', async () => {
      await orders.ensureIndex(['email'], { unique: true });
      await orders.putMany([
        { _id: 'a' },
        { _id: 'b' },
        { _id: 'c', email: null },
        { _id: 'd', email: null },
      ]);
      await orders.put({ _id: 'e', email: 'x@example.org' });
      await expect(orders.put({ _id: 'f', email: 'x@example.org' })).rejects.toThrow();
      expect(await orders.count({})).toBe(5);
    });

    it('sorts ascending and descending', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => orders.put(order(i))));
      const ascending = await orders.find({}, { sort: { field: 'amount', direction: 1 }, limit: 100 });
      const descending = await orders.find({}, { sort: { field: 'amount', direction: -1 }, limit: 100 });
      const amounts = Array.from({ length: 20 }, (_, i) => order(i).amount!);
      expect(ascending.items.map((d) => d.amount)).toEqual([...amounts].sort((a, b) => a - b));
      expect(descending.items.map((d) => d.amount)).toEqual([...amounts].sort((a, b) => b - a));
      expect(ascending.nextCursor).toBeNull();
    });

    it('pages with a cursor, visiting every document exactly once', async () => {
      const all = Array.from({ length: 37 }, (_, i) => order(i));
      all.push({ _id: 'no-amount-1', status: 'open' }, { _id: 'no-amount-2', status: 'open' });
      await Promise.all(all.map((doc) => orders.put(doc)));
      for (const direction of [1, -1] as const) {
        const pages: Order[][] = [];
        let cursor: string | undefined;
        do {
          const page = await orders.find({}, { sort: { field: 'amount', direction }, limit: 5, cursor });
          pages.push(page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const seen = pages.flat();
        expect(pages).toHaveLength(8);
        expect(seen.map((d) => d._id).sort()).toEqual(idsOf(all));
        const amounts = seen.map((d) => d.amount ?? -1);
        expect(amounts).toEqual([...amounts].sort((a, b) => direction * (a - b)));
      }
      const exact = await orders.find({ status: 'open' }, { limit: 15 });
      expect(exact.items).toHaveLength(15);
      expect(exact.nextCursor).toBeNull();
      expect((await orders.find({})).items).toHaveLength(39);
    });

    it('matches array fields holding every value with $all, by type, served by a multikey index', async () => {
      await orders.ensureIndex(['status', 'tags'], { multikey: true });
      await expect(orders.ensureIndex(['tags'], { multikey: true, unique: true })).rejects.toThrow(
        'a multikey index cannot be unique',
      );
      const all: Order[] = [
        { _id: 't1', status: 'open', tags: ['电表', '计量', 'ks', '000042'] },
        { _id: 't2', status: 'open', tags: ['电表', '曝光'] },
        { _id: 't3', status: 'closed', tags: ['计量', '电表', '电表'] },
        { _id: 't4', status: 'open', tags: [1, true, 'say "hi"\\', 'x'] },
        { _id: 't5', status: 'open', tags: [] },
        { _id: 't6', status: 'open', tags: '电表' },
        { _id: 't7', status: 'open', tags: [true] },
        { _id: 't8', status: 'open' },
      ];
      await orders.putMany(all);
      const cases: Array<[Filter, string[]]> = [
        [{ tags: { $all: ['电表'] } }, ['t1', 't2', 't3', 't6']],
        [{ tags: { $all: ['计量', '电表'] } }, ['t1', 't3']],
        [{ tags: { $all: ['电表', '计量', '电表'] } }, ['t1', 't3']],
        [{ tags: { $all: ['电表', 'missing'] } }, []],
        [{ tags: { $all: ['ks', '000042'] } }, ['t1']],
        [{ tags: { $all: ['电表'] }, status: 'open' }, ['t1', 't2', 't6']],
        [{ tags: { $all: [1] } }, ['t4']],
        [{ tags: { $all: [true] } }, ['t4', 't7']],
        [{ tags: { $all: ['1'] } }, []],
        [{ tags: { $all: ['say "hi"\\'] } }, ['t4']],
        [{ tags: { $all: [] } }, []],
        [{ _id: { $all: ['t2'] } }, ['t2']],
      ];
      for (const [filter, expected] of cases) {
        expect([filter, idsOf(await findAll(filter, { limit: 2 }))]).toEqual([filter, expected]);
        expect(await orders.count(filter)).toBe(expected.length);
      }
      const newestFirst = await orders.find(
        { tags: { $all: ['电表'] } },
        { sort: { field: '_id', direction: -1 }, limit: 3 },
      );
      expect(newestFirst.items.map((d) => d._id)).toEqual(['t6', 't3', 't2']);
      expect(
        await orders.update('t2', { $set: { status: 'seen' } }, { filter: { tags: { $all: ['曝光'] } } }),
      ).toMatchObject({ status: 'seen' });
      await expect(orders.count({ tags: { $all: [null] } } as never)).rejects.toThrow(/\$all/);
      await expect(orders.count({ tags: { $all: 'x' } } as never)).rejects.toThrow('$all takes an array');
    });

    it('counts documents matching a filter', async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => orders.put(order(i))));
      expect(await orders.count()).toBe(12);
      expect(await orders.count({ status: 'closed' })).toBe(4);
      expect(await orders.count({ status: 'unknown' })).toBe(0);
    });
  });
}
