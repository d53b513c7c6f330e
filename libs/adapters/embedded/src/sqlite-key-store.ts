import type { DatabaseSync } from 'node:sqlite';
import { newDataKey } from '@kesu/kernel';
import { type Clock, KeyErasedError, type KeyStore, SystemClock } from '@kesu/ports';
import type { EmbeddedDatabase } from './database';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (
  tenant_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  key BLOB,
  created_at TEXT NOT NULL,
  erased_at TEXT,
  PRIMARY KEY (tenant_id, subject_id)
) WITHOUT ROWID;
`;

function prepareStatements(db: DatabaseSync) {
  return {
    select: db.prepare('SELECT key FROM data_keys WHERE tenant_id = ? AND subject_id = ?'),
    create: db.prepare(
      'INSERT OR IGNORE INTO data_keys (tenant_id, subject_id, key, created_at) VALUES (?, ?, ?, ?)',
    ),
    erase: db.prepare(
      `UPDATE data_keys SET key = NULL, erased_at = ?
       WHERE tenant_id = ? AND subject_id = ? AND key IS NOT NULL`,
    ),
  };
}

interface KeyRow {
  readonly key: Uint8Array | null;
}

/**
 * Per-person data keys on the embedded SQLite file. Erasure sets the key to NULL and records when;
 * the row stays, so a later `getOrCreate` rejects instead of handing out a new key.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly clock: Clock = new SystemClock(),
  ) {
    database.migrate(SCHEMA);
    this.statements = prepareStatements(database.db);
  }

  async getOrCreate(tenantId: string, subjectId: string): Promise<Uint8Array> {
    const existing = this.find(tenantId, subjectId);
    const row =
      existing ??
      (await this.database.write(() => {
        this.statements.create.run(tenantId, subjectId, newDataKey(), this.clock.now().toISOString());
        return this.find(tenantId, subjectId)!;
      }));
    if (!row.key) throw new KeyErasedError(subjectId);
    return row.key;
  }

  async get(tenantId: string, subjectId: string): Promise<Uint8Array | null> {
    return this.find(tenantId, subjectId)?.key ?? null;
  }

  async erase(tenantId: string, subjectId: string): Promise<boolean> {
    const erasedAt = this.clock.now().toISOString();
    const changes = await this.database.write(
      () => this.statements.erase.run(erasedAt, tenantId, subjectId).changes,
    );
    // Checkpoint now: the old key bytes leave the write-ahead log, and secure_delete zeroes them in the file.
    this.database.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return Number(changes) > 0;
  }

  private find(tenantId: string, subjectId: string): KeyRow | undefined {
    return this.statements.select.get(tenantId, subjectId) as KeyRow | undefined;
  }
}
