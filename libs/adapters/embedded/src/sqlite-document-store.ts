import type { Collection, Document, DocumentStore } from '@kesu/ports';
import type { EmbeddedDatabase } from './database';
import { SqliteCollection } from './sqlite-collection';
import { StatementCache } from './statement-cache';

const collectionName = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/**
 * Document collections on the embedded SQLite file, with MongoDB semantics: JSON documents by id,
 * update operators applied atomically inside one group-commit write, filters and sorts over
 * `json_extract` served by the partial expression indexes declared with `ensureIndex`.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly statements: StatementCache;

  constructor(private readonly database: EmbeddedDatabase) {
    database.migrate(`
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      );
    `);
    this.statements = new StatementCache(database.db);
  }

  /** A collection by name: letters, digits, `_`, `.` and `-`, starting with a letter or `_`. */
  collection<T extends Document>(name: string): Collection<T> {
    if (!collectionName.test(name)) throw new Error(`invalid collection name '${name}'`);
    return new SqliteCollection<T>(this.database, this.statements, name);
  }

  /**
   * Deletes the collection's documents a page per write, so that other writes go on between the
   * pages of a large collection, then its indexes.
   */
  async drop(name: string): Promise<void> {
    if (!collectionName.test(name)) throw new Error(`invalid collection name '${name}'`);
    const page = this.statements.get(
      'DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents WHERE collection = ? LIMIT ?)',
    );
    while (Number((await this.database.write(() => page.run(name, DROP_PAGE))).changes) > 0);
    const prefix = `documents:${name}:`;
    await this.database.write((db) => {
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND substr(name, 1, ?) = ?")
        .all(prefix.length, prefix);
      for (const { name: index } of indexes) db.exec(`DROP INDEX IF EXISTS "${String(index)}"`);
    });
  }
}

/** Documents deleted per write when a collection is dropped. */
const DROP_PAGE = 2000;
