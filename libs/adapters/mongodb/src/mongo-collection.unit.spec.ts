import type { Document } from '@kesu/ports';
import type { Db } from 'mongodb';
import { MongoCollection, validCollectionName } from './mongo-collection';
import { decodeCursor } from '@kesu/ports';
import { MongoDocumentStore } from './mongo-document-store';
import { INDEXED_TYPES } from './mongo-index';

type Loose = Document & Record<string, unknown>;
type Call = [method: string, ...args: unknown[]];

/**
 * A stand-in for the driver that records what the collection asks MongoDB and answers from a
 * script, so the adapter's own decisions (retries, paging, transactions) are checked without a server.
 */
function fakeDb(answers: Record<string, Array<() => unknown>> = {}) {
  const calls: Call[] = [];
  const answer = (method: string, ...args: unknown[]) => {
    calls.push([method, ...args]);
    const next = answers[method]?.shift();
    return Promise.resolve().then(() => next?.());
  };
  const collection = {
    findOne: (...args: unknown[]) => answer('findOne', ...args),
    findOneAndUpdate: (...args: unknown[]) => answer('findOneAndUpdate', ...args),
    replaceOne: (...args: unknown[]) => answer('replaceOne', ...args),
    bulkWrite: (...args: unknown[]) => answer('bulkWrite', ...args),
    deleteOne: (...args: unknown[]) => answer('deleteOne', ...args),
    countDocuments: (...args: unknown[]) => answer('countDocuments', ...args),
    createIndex: (...args: unknown[]) => answer('createIndex', ...args),
    dropIndex: (...args: unknown[]) => answer('dropIndex', ...args),
    find: (query: unknown) => {
      const cursor = {
        sort: (sort: unknown) => (calls.push(['sort', sort]), cursor),
        limit: (limit: number) => (calls.push(['limit', limit]), cursor),
        toArray: () => answer('find', query),
      };
      return cursor;
    },
  };
  const session = { withTransaction: (fn: () => Promise<unknown>) => (calls.push(['transaction']), fn()) };
  const client = { withSession: (fn: (s: typeof session) => Promise<unknown>) => fn(session) };
  const db = {
    client,
    collection: (name: string, options: unknown) => (calls.push(['collection', name, options]), collection),
  };
  return { db: db as unknown as Db, calls };
}

const duplicate = (keyPattern: Record<string, number>) => () => {
  throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000, keyPattern });
};

describe('collection names', () => {
  it('follow the embedded pattern, minus system collections and the key store', () => {
    expect(validCollectionName('orders.v2-read_model')).toBe('orders.v2-read_model');
    const { db } = fakeDb();
    const store = new MongoDocumentStore(db);
    expect(() => store.collection("notes'; db.dropDatabase(); //")).toThrow(/collection name/);
    expect(() => store.collection('$cmd')).toThrow(/collection name/);
    expect(() => store.collection('system.users')).toThrow(/collection name/);
    expect(() => store.collection('data_keys')).toThrow(/reserved/);
    expect(() => store.collection('')).toThrow(/collection name/);
  });

  it('open the MongoDB collection of the same name, leaving undefined fields out', () => {
    const { db, calls } = fakeDb();
    new MongoDocumentStore(db).collection('orders');
    expect(calls).toEqual([['collection', 'orders', { ignoreUndefined: true }]]);
  });
});

describe('MongoCollection.update', () => {
  it('updates by _id and filter, returning the document after the update', async () => {
    const { db, calls } = fakeDb({ findOneAndUpdate: [() => ({ _id: 'o1', version: 2 })] });
    const orders = new MongoCollection<Loose>(db, 'orders');
    expect(await orders.update('o1', { $inc: { version: 1 } }, { filter: { version: 1 } })).toEqual({
      _id: 'o1',
      version: 2,
    });
    expect(calls.at(-1)).toEqual([
      'findOneAndUpdate',
      { $and: [{ _id: { $eq: 'o1' } }, { version: { $eq: 1 } }] },
      { $inc: { version: 1 } },
      { upsert: false, returnDocument: 'after' },
    ]);
  });

  it('queries by _id alone without a filter, so MongoDB retries racing upserts itself', async () => {
    const { db, calls } = fakeDb({ findOneAndUpdate: [() => ({ _id: 'c', n: 1 })] });
    await new MongoCollection<Loose>(db, 'counters').update('c', { $inc: { n: 1 } }, { upsert: true });
    expect(calls.at(-1)?.slice(1, 2)).toEqual([{ _id: { $eq: 'c' } }]);
  });

  it('answers null when an upsert meets an existing document its filter does not match', async () => {
    const { db, calls } = fakeDb({ findOneAndUpdate: [duplicate({ _id: 1 }), () => null] });
    const orders = new MongoCollection<Loose>(db, 'orders');
    const update = { $set: { status: 'x' }, $max: { lastPosition: 7 } };
    expect(
      await orders.update('o1', update, { upsert: true, filter: { lastPosition: { $lt: 7 } } }),
    ).toBeNull();
    const attempts = calls.filter(([method]) => method === 'findOneAndUpdate');
    expect(attempts.map((call) => (call[3] as { upsert: boolean }).upsert)).toEqual([true, false]);
  });

  it('applies the update when a concurrent upsert inserted a document that matches', async () => {
    const { db } = fakeDb({ findOneAndUpdate: [duplicate({ _id: 1 }), () => ({ _id: 'o1', n: 2 })] });
    const orders = new MongoCollection<Loose>(db, 'orders');
    expect(await orders.update('o1', { $inc: { n: 1 } }, { upsert: true, filter: { n: 1 } })).toEqual({
      _id: 'o1',
      n: 2,
    });
  });

  it('lets a clash on a declared unique index through', async () => {
    const { db } = fakeDb({ findOneAndUpdate: [duplicate({ email: 1 })] });
    const users = new MongoCollection<Loose>(db, 'users');
    await expect(users.update('u1', { $set: { email: 'a@b' } }, { upsert: true })).rejects.toThrow(/E11000/);
  });

  it('does not retry without upsert', async () => {
    const { db, calls } = fakeDb({ findOneAndUpdate: [duplicate({ _id: 1 })] });
    await expect(new MongoCollection<Loose>(db, 'o').update('o1', { $set: { a: 1 } })).rejects.toThrow();
    expect(calls.filter(([method]) => method === 'findOneAndUpdate')).toHaveLength(1);
  });

  it('checks the update and the filter before asking the server', async () => {
    const { db, calls } = fakeDb();
    const notes = new MongoCollection<Loose>(db, 'notes');
    await expect(
      notes.update('n', { $set: { '__proto__.polluted': true } }, { upsert: true }),
    ).rejects.toThrow(/field path/);
    await expect(notes.update('n', { $set: { a: 1 } }, { filter: { $where: '1' } as never })).rejects.toThrow(
      /field path/,
    );
    expect(calls.filter(([method]) => method === 'findOneAndUpdate')).toHaveLength(0);
  });
});

describe('MongoCollection.find', () => {
  const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: `o${i}`, amount: i * 10 }));

  it('reads one more than the limit to know whether a next page follows', async () => {
    const { db, calls } = fakeDb({ find: [() => docs(3)] });
    const page = await new MongoCollection<Loose>(db, 'orders').find(
      { status: 'open' },
      { sort: { field: 'amount', direction: -1 }, limit: 2 },
    );
    expect(page.items.map((d) => d._id)).toEqual(['o0', 'o1']);
    expect(decodeCursor(page.nextCursor!)).toEqual([10, 'o1']);
    expect(calls).toContainEqual(['find', { status: { $eq: 'open' } }]);
    expect(calls).toContainEqual([
      'sort',
      [
        ['amount', -1],
        ['_id', -1],
      ],
    ]);
    expect(calls).toContainEqual(['limit', 3]);
  });

  it('has no next cursor on an exactly full last page', async () => {
    const { db } = fakeDb({ find: [() => docs(2)] });
    expect((await new MongoCollection<Loose>(db, 'orders').find({}, { limit: 2 })).nextCursor).toBeNull();
  });

  it('continues after the cursor within the filter', async () => {
    const { db, calls } = fakeDb({ find: [() => []] });
    const orders = new MongoCollection<Loose>(db, 'orders');
    const cursor = Buffer.from(JSON.stringify([20, 'o2'])).toString('base64url');
    await orders.find({ status: 'open' }, { sort: { field: 'amount', direction: 1 }, cursor });
    const query = calls.find(([method]) => method === 'find')![1] as { $and: [unknown, { $or: unknown[] }] };
    expect(query.$and[0]).toEqual({ status: { $eq: 'open' } });
    expect(query.$and[1].$or.slice(0, 2)).toEqual([
      { amount: { $gt: 20 } },
      { amount: { $eq: 20 }, _id: { $gt: 'o2' } },
    ]);
  });

  it('rejects malformed cursors and field paths', async () => {
    const { db } = fakeDb();
    const notes = new MongoCollection<Loose>(db, 'notes');
    await expect(notes.find({}, { cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    await expect(notes.find({ "a') OR 1=1 --": 1 })).rejects.toThrow(/field path/);
    await expect(notes.ensureIndex(['a b'])).rejects.toThrow(/field path/);
  });

  it('creates a multikey index as a plain one (MongoDB indexes array elements by itself)', async () => {
    const { db, calls } = fakeDb();
    const views = new MongoCollection<Loose>(db, 'views');
    await views.ensureIndex(['tenantId', 'searchTokens'], { multikey: true });
    expect(calls).toContainEqual(['createIndex', { tenantId: 1, searchTokens: 1 }, {}]);
    await expect(views.ensureIndex(['tags'], { multikey: true, unique: true })).rejects.toThrow(/multikey/);
  });
});

describe('MongoCollection.ensureIndex', () => {
  const uniqueEmail = {
    unique: true,
    name: 'email_1_unique',
    partialFilterExpression: { email: { $type: [...INDEXED_TYPES] } },
  };

  it('creates a plain index for queries and a partial unique one over non-null values', async () => {
    const { db, calls } = fakeDb();
    await new MongoCollection<Loose>(db, 'users').ensureIndex(['email'], { unique: true });
    expect(calls.filter(([method]) => method !== 'collection')).toEqual([
      ['createIndex', { email: 1 }, {}],
      ['createIndex', { email: 1 }, uniqueEmail],
    ]);
  });

  it('replaces a unique index of an earlier release, whose filter let explicit nulls collide', async () => {
    const conflict = () => {
      throw Object.assign(new Error('An existing index has the same name but different options'), {
        code: 85,
      });
    };
    const { db, calls } = fakeDb({ createIndex: [() => undefined, conflict] });
    await new MongoCollection<Loose>(db, 'users').ensureIndex(['email'], { unique: true });
    expect(calls.filter(([method]) => method !== 'collection')).toEqual([
      ['createIndex', { email: 1 }, {}],
      ['createIndex', { email: 1 }, uniqueEmail],
      ['dropIndex', 'email_1_unique'],
      ['createIndex', { email: 1 }, uniqueEmail],
    ]);
  });

  it('passes on any other failure to create an index', async () => {
    const refused = () => {
      throw Object.assign(new Error('not authorized'), { code: 13 });
    };
    const { db, calls } = fakeDb({ createIndex: [() => undefined, refused] });
    await expect(
      new MongoCollection<Loose>(db, 'users').ensureIndex(['email'], { unique: true }),
    ).rejects.toThrow('not authorized');
    expect(calls.some(([method]) => method === 'dropIndex')).toBe(false);
  });
});

describe('MongoCollection.putMany', () => {
  it('writes several documents in one transaction of replace upserts', async () => {
    const { db, calls } = fakeDb();
    await new MongoCollection<Loose>(db, 'orders').putMany([{ _id: 'a', n: 1 }, { _id: 'b' }]);
    expect(calls).toContainEqual(['transaction']);
    const bulk = calls.find(([method]) => method === 'bulkWrite')!;
    expect(bulk[1]).toEqual([
      { replaceOne: { filter: { _id: { $eq: 'a' } }, replacement: { _id: 'a', n: 1 }, upsert: true } },
      { replaceOne: { filter: { _id: { $eq: 'b' } }, replacement: { _id: 'b' }, upsert: true } },
    ]);
    expect(bulk[2]).toMatchObject({ ordered: true });
  });

  it('replaces a single document without a transaction, and writes nothing for none', async () => {
    const { db, calls } = fakeDb();
    const orders = new MongoCollection<Loose>(db, 'orders');
    await orders.put({ _id: 'a' });
    await orders.putMany([]);
    expect(calls.filter(([method]) => method !== 'collection')).toEqual([
      ['replaceOne', { _id: { $eq: 'a' } }, { _id: 'a' }, { upsert: true }],
    ]);
  });

  it('says that a standalone server cannot run the transaction', async () => {
    const standalone = () => {
      throw Object.assign(
        new Error('Transaction numbers are only allowed on a replica set member or mongos'),
        {
          code: 20,
        },
      );
    };
    const { db } = fakeDb({ bulkWrite: [standalone] });
    await expect(new MongoCollection<Loose>(db, 'o').putMany([{ _id: 'a' }, { _id: 'b' }])).rejects.toThrow(
      /replica set/,
    );
  });

  it('needs string ids', async () => {
    const { db } = fakeDb();
    await expect(new MongoCollection<Loose>(db, 'o').putMany([{ _id: 7 } as never])).rejects.toThrow(
      'a document needs a string _id',
    );
  });
});
