import type { Document } from '@kesu/ports';
import { documentStoreFeatures } from '@kesu/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from './database';
import { SqliteDocumentStore } from './sqlite-document-store';

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-'));
  const database = new EmbeddedDatabase({ file: join(dir, 'kesu.db') });
  return {
    database,
    documents: new SqliteDocumentStore(database),
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Loose = Document & Record<string, unknown>;

documentStoreFeatures('SQLite', async () => open());

describe('SqliteDocumentStore', () => {
  let store: ReturnType<typeof open>;
  beforeEach(() => (store = open()));
  afterEach(() => store.close());

  const plan = (sql: string) =>
    store.database.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((row) => String(row.detail))
      .join('\n');

  it('serves queries on indexed fields from the partial expression index', async () => {
    const orders = store.documents.collection<Loose>('orders');
    await orders.ensureIndex(['customer.tier', 'amount']);
    await orders.put({ _id: 'o1', customer: { tier: 'gold' }, amount: 5 });
    expect(await orders.count({ 'customer.tier': 'gold', amount: { $gt: 1 } })).toBe(1);
    const detail = plan(
      `SELECT id FROM documents WHERE collection = 'orders' AND json_extract(doc, '$.customer.tier') = 'gold'` +
        ` AND json_extract(doc, '$.amount') > 1`,
    );
    expect(detail).toContain('documents:orders:customer.tier,amount');
  });

  it('answers $all by scanning: a multikey declaration creates no index, escaped text still matches', async () => {
    const notes = store.documents.collection<Loose>('notes');
    await notes.ensureIndex(['tags'], { multikey: true });
    const indexes = store.database.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'documents:notes:%'`)
      .all();
    expect(indexes).toEqual([]);
    const awkward = ['tab\there', 'line\nbreak', 'quote"and\\backslash', '😀表情', '\u0001', '\u2028'];
    await notes.put({ _id: 'n1', tags: awkward });
    await notes.put({ _id: 'n2', tags: ['plain'], text: JSON.stringify(awkward) });
    for (const tag of awkward)
      expect((await notes.find({ tags: { $all: [tag] } })).items.map((d) => d._id)).toEqual(['n1']);
  });

  it('binds values, so quotes and SQL in them are data', async () => {
    const notes = store.documents.collection<Loose>('notes');
    await notes.put({ _id: "it's", text: "' OR 1=1 --" });
    await notes.put({ _id: 'other', text: 'plain' });
    expect((await notes.find({ text: "' OR 1=1 --" })).items.map((d) => d._id)).toEqual(["it's"]);
  });

  it('rejects field paths, collection names and cursors that are not well formed', async () => {
    const notes = store.documents.collection<Loose>('notes');
    expect(() => store.documents.collection("notes'; DROP TABLE documents; --")).toThrow(/collection name/);
    await expect(notes.find({ "a') OR 1=1 --": 1 })).rejects.toThrow(/field path/);
    await expect(
      notes.update('n', { $set: { '__proto__.polluted': true } }, { upsert: true }),
    ).rejects.toThrow(/field path/);
    await expect(notes.find({}, { cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    await expect(notes.ensureIndex(['a b'])).rejects.toThrow(/field path/);
  });

  it('compares numbers with numbers and strings with strings', async () => {
    const items = store.documents.collection<Loose>('items');
    await items.put({ _id: 'n', value: 10 });
    await items.put({ _id: 's', value: '9' });
    expect((await items.find({ value: { $gt: 5 } })).items.map((d) => d._id)).toEqual(['n']);
    expect((await items.find({ value: { $lt: 'a' } })).items.map((d) => d._id)).toEqual(['s']);
  });
});
