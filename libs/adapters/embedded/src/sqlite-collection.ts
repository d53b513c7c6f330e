import {
  type Collection,
  type Document,
  encodeCursor,
  type Filter,
  type FindOptions,
  type IndexOptions,
  type Page,
  type Update,
} from '@kesu/ports';
import type { EmbeddedDatabase } from './database';
import { filterToSql, fieldExpression } from './document-filter';
import { pagePlan } from './document-paging';
import { applyUpdate } from './document-update';
import type { StatementCache } from './statement-cache';

/**
 * One collection in the `documents` table. The collection name is validated by the store and
 * written into SQL as a literal, so the partial indexes created by `ensureIndex` apply to queries.
 */
export class SqliteCollection<T extends Document> implements Collection<T> {
  private readonly scope: string;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly statements: StatementCache,
    private readonly name: string,
  ) {
    this.scope = `collection = '${name}'`;
  }

  async get(id: string): Promise<T | null> {
    return this.load(id);
  }

  async getMany(ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const sql = `SELECT doc FROM documents WHERE ${this.scope} AND id IN (SELECT value FROM json_each(?))`;
    return this.statements
      .get(sql)
      .all(JSON.stringify(ids))
      .map((row) => JSON.parse(row.doc as string) as T);
  }

  async put(doc: T): Promise<void> {
    await this.putMany([doc]);
  }

  async putMany(docs: readonly T[]): Promise<void> {
    if (docs.some((doc) => typeof doc._id !== 'string')) throw new Error('a document needs a string _id');
    if (docs.length === 0) return;
    await this.database.write(() => {
      for (const doc of docs) this.save(doc);
    });
  }

  update(id: string, update: Update, options: { upsert?: boolean; filter?: Filter } = {}): Promise<T | null> {
    const condition = options.filter ? filterToSql(options.filter) : null;
    return this.database.write(() => {
      const current = this.load(id);
      if (!current && !options.upsert) return null;
      if (current && condition) {
        const sql = `SELECT 1 FROM documents WHERE ${this.scope} AND id = ? AND (${condition.sql})`;
        if (!this.statements.get(sql).get(id, ...condition.params)) return null;
      }
      const updated = applyUpdate(current, id, update) as T;
      this.save(updated);
      return updated;
    });
  }

  replaceIf(doc: T, expected: Filter | null): Promise<boolean> {
    if (typeof doc._id !== 'string') return Promise.reject(new Error('a document needs a string _id'));
    const condition = expected ? filterToSql(expected) : null;
    return this.database.write(() => {
      if (!condition) {
        const sql = `INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO NOTHING`;
        return Number(this.statements.get(sql).run(this.name, doc._id, JSON.stringify(doc)).changes) > 0;
      }
      const sql = `UPDATE documents SET doc = ? WHERE ${this.scope} AND id = ? AND (${condition.sql})`;
      const run = this.statements.get(sql).run(JSON.stringify(doc), doc._id, ...condition.params);
      return Number(run.changes) > 0;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.database.write(() => {
      const sql = `DELETE FROM documents WHERE ${this.scope} AND id = ?`;
      return Number(this.statements.get(sql).run(id).changes) > 0;
    });
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Page<T>> {
    const where = filterToSql(filter);
    const page = pagePlan(options);
    const sql =
      `SELECT id, doc, ${page.sortExpression} AS sort_value FROM documents ` +
      `WHERE ${this.scope} AND (${where.sql}) AND (${page.after.sql}) ORDER BY ${page.orderBy} LIMIT ?`;
    const rows = this.statements.get(sql).all(...where.params, ...page.after.params, page.limit + 1);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > page.limit && last
        ? encodeCursor(last.sort_value as string | number | null, last.id as string)
        : null;
    return { items: items.map((row) => JSON.parse(row.doc as string) as T), nextCursor };
  }

  async count(filter: Filter = {}): Promise<number> {
    const where = filterToSql(filter);
    const sql = `SELECT count(*) AS n FROM documents WHERE ${this.scope} AND (${where.sql})`;
    return this.statements.get(sql).get(...where.params)!.n as number;
  }

  /**
   * Creates a partial expression index over the fields, used by filters and sorts on them. A
   * multikey index is only checked: an expression index would hold each array's whole JSON text,
   * and `$all` scans instead (see `document-filter.ts`).
   */
  async ensureIndex(fields: readonly string[], options: IndexOptions = {}): Promise<void> {
    if (fields.length === 0) throw new Error('an index needs at least one field');
    const expressions = fields.map(fieldExpression).join(', ');
    if (options.multikey) {
      if (options.unique) throw new Error('a multikey index cannot be unique');
      return;
    }
    const name = `documents:${this.name}:${fields.join(',')}${options.unique ? ':unique' : ''}`;
    const unique = options.unique ? 'UNIQUE ' : '';
    await this.database.write((db) =>
      db.exec(
        `CREATE ${unique}INDEX IF NOT EXISTS "${name}" ON documents(${expressions}) WHERE ${this.scope}`,
      ),
    );
  }

  private load(id: string): T | null {
    const row = this.statements.get(`SELECT doc FROM documents WHERE ${this.scope} AND id = ?`).get(id);
    return row ? (JSON.parse(row.doc as string) as T) : null;
  }

  private save(doc: T): void {
    this.statements
      .get(
        `INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc`,
      )
      .run(this.name, doc._id, JSON.stringify(doc));
  }
}
