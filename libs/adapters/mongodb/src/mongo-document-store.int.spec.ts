import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { applyToProjection, type Document, type Projected, type Projection } from '@kesu/ports';
import { describeWithEngine, documentStoreFeatures, uniqueName } from '@kesu/testing';
import { connectMongo, type MongoStorage } from './mongo-connection';

type Loose = Document & Record<string, unknown>;

describeWithEngine('MONGO_URL', 'MongoDB', 'MongoDocumentStore contract', (url) => {
  /** A database of its own for each test, dropped afterwards. */
  async function open(): Promise<MongoStorage & { database: string; dispose(): Promise<void> }> {
    const database = uniqueName('kesu-test');
    const storage = await connectMongo({ url, database });
    return {
      ...storage,
      database,
      async dispose() {
        await storage.client.db(database).dropDatabase();
        await storage.close();
      },
    };
  }

  documentStoreFeatures('MongoDB', async () => {
    const storage = await open();
    return { documents: storage.documents, close: () => storage.dispose() };
  });

  describe('MongoDocumentStore', () => {
    let storage: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => (storage = await open()));
    afterEach(() => storage.dispose());

    it('stores documents as they are', async () => {
      const notes = storage.documents.collection<Loose>('notes');
      const doc = {
        _id: 'n1',
        text: 'héllo 投诉',
        nested: { list: [1, 'two', { three: 3 }], empty: {} },
        none: null,
      };
      await notes.put(doc);
      expect(await notes.get('n1')).toEqual(doc);
      const raw = storage.client.db(storage.database).collection<Loose>('notes');
      expect(await raw.findOne({ _id: 'n1' })).toEqual(doc);
    });

    it('rejects field paths, collection names and cursors that are not well formed', async () => {
      const notes = storage.documents.collection<Loose>('notes');
      expect(() => storage.documents.collection('notes$cmd')).toThrow(/collection name/);
      await expect(notes.find({ "a') OR 1=1 --": 1 })).rejects.toThrow(/field path/);
      await expect(notes.find({ $where: 'true' } as never)).rejects.toThrow(/field path/);
      await expect(
        notes.update('n', { $set: { '__proto__.polluted': true } }, { upsert: true }),
      ).rejects.toThrow(/field path/);
      await expect(notes.find({}, { cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
      await expect(notes.ensureIndex(['a b'])).rejects.toThrow(/field path/);
    });

    it('treats an id as a value, never as a query', async () => {
      const notes = storage.documents.collection<Loose>('notes');
      await notes.put({ _id: 'n1', text: 'x' });
      const operator = { $ne: 'nothing' } as unknown as string;
      expect(await notes.get(operator)).toBeNull();
      expect(await notes.update(operator, { $set: { text: 'y' } })).toBeNull();
      expect(await notes.delete(operator)).toBe(false);
      expect((await notes.get('n1'))?.text).toBe('x');
    });

    it('compares numbers with numbers and strings with strings', async () => {
      const items = storage.documents.collection<Loose>('items');
      await items.put({ _id: 'n', value: 10 });
      await items.put({ _id: 's', value: '9' });
      expect((await items.find({ value: { $gt: 5 } })).items.map((d) => d._id)).toEqual(['n']);
      expect((await items.find({ value: { $lt: 'a' } })).items.map((d) => d._id)).toEqual(['s']);
    });

    it('pages through values of mixed types in sort order, both ways', async () => {
      const items = storage.documents.collection<Loose>('mixed');
      const values: unknown[] = [3, 'b', true, null, undefined, 1, 'a', false, 2.5, '', 'b', 3];
      await items.putMany(values.map((value, i) => ({ _id: `i${String(i).padStart(2, '0')}`, value })));
      for (const direction of [1, -1] as const) {
        const whole = await items.find({}, { sort: { field: 'value', direction }, limit: 100 });
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await items.find({}, { sort: { field: 'value', direction }, limit: 2, cursor });
          paged.push(...page.items.map((d) => d._id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged).toEqual(whole.items.map((d) => d._id));
        expect(new Set(paged).size).toBe(values.length);
      }
    });

    it('lets any number of documents lack the fields of a unique index', async () => {
      const users = storage.documents.collection<Loose>('users');
      await users.ensureIndex(['email'], { unique: true });
      await users.ensureIndex(['email'], { unique: true });
      await users.putMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c', email: 'c@example.org' }]);
      await expect(users.put({ _id: 'd', email: 'c@example.org' })).rejects.toThrow();
      expect(await users.count({ email: 'c@example.org' })).toBe(1);
      await users.ensureIndex(['email']);
    });

    it('leaves a document alone when an upsert filter does not match it', async () => {
      const views = storage.documents.collection<Loose & Projected>('views');
      const guarded = (position: number) =>
        views.update(
          'v1',
          { $set: { seen: position }, $max: { lastPosition: position } },
          { upsert: true, filter: { lastPosition: { $lt: position } } },
        );
      expect(await guarded(5)).toEqual({ _id: 'v1', seen: 5, lastPosition: 5 });
      expect(await guarded(5)).toBeNull();
      expect(await guarded(3)).toBeNull();
      expect(await guarded(8)).toEqual({ _id: 'v1', seen: 8, lastPosition: 8 });
      expect(await views.get('v1')).toEqual({ _id: 'v1', seen: 8, lastPosition: 8 });
    });

    it('applies each event to a projection once, however often it is delivered', async () => {
      type Tally = Document & Projected & { events: number };
      const tally: Projection<Tally> = {
        name: 'tally',
        version: 1,
        collection: 'tallies',
        topics: ['t'],
        handles: ['Counted'],
        documentId: (event) => event.correlationId,
        evolve: (doc, event) => ({ _id: event.correlationId, events: (doc?.events ?? 0) + 1 }),
      };
      const registry = new EventTypeRegistry([{ type: 'Counted', schemaVersion: 1 }]);
      const event = (id: string, position: number) =>
        ({ type: 'Counted', schemaVersion: 1, correlationId: id, globalPosition: position }) as RecordedEvent;
      const tallies = storage.documents.collection<Tally>('tallies');
      const events = [event('c1', 1), event('c2', 2), event('c1', 3)];
      expect(await applyToProjection(tally, tallies, registry, events)).toBe(2);
      expect(await applyToProjection(tally, tallies, registry, events)).toBe(0);
      expect(await applyToProjection(tally, tallies, registry, [event('c1', 3), event('c1', 4)])).toBe(1);
      expect(await tallies.get('c1')).toEqual({
        _id: 'c1',
        events: 3,
        lastPosition: 4,
        projectionVersion: 1,
      });
      expect(await tallies.get('c2')).toEqual({
        _id: 'c2',
        events: 1,
        lastPosition: 2,
        projectionVersion: 1,
      });
    });
  });
});
