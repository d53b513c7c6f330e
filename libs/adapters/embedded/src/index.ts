import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, SystemClock } from '@kesu/ports';
import { EmbeddedDatabase } from './database';
import { FileSystemFileStore } from './file-system-file-store';
import { SqliteDocumentStore } from './sqlite-document-store';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { SqliteMessageLog } from './sqlite-message-log';

export { EmbeddedDatabase } from './database';
export { FileSystemFileStore } from './file-system-file-store';
export { SqliteDocumentStore } from './sqlite-document-store';
export { SqliteEventStore } from './sqlite-event-store';
export { SqliteKeyStore } from './sqlite-key-store';
export { SqliteMessageLog } from './sqlite-message-log';

export interface EmbeddedStorageOptions {
  /** Folder of the SQLite file `kesu.db`; `:memory:` for a private in-memory database. */
  readonly dataDir: string;
  readonly clock?: Clock;
  /** How often subscriptions and consumers look for work written by other processes (ms). */
  readonly pollIntervalMs?: number;
}

/** Every port on one embedded SQLite file. */
export interface EmbeddedStorage {
  readonly database: EmbeddedDatabase;
  readonly eventStore: SqliteEventStore;
  readonly messageLog: SqliteMessageLog;
  readonly documents: SqliteDocumentStore;
  readonly keys: SqliteKeyStore;
  /** Files by content hash, under `<dataDir>/files` (a temporary folder for `:memory:`). */
  readonly files: FileSystemFileStore;
  /** Stops subscriptions and consumers, then closes the file. */
  close(): Promise<void>;
}

export function createEmbeddedStorage(options: EmbeddedStorageOptions): EmbeddedStorage {
  const clock = options.clock ?? new SystemClock();
  const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'kesu.db');
  const database = new EmbeddedDatabase({ file });
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const eventStore = new SqliteEventStore(database, { clock, pollIntervalMs });
  const messageLog = new SqliteMessageLog(database, { clock, pollIntervalMs });
  const documents = new SqliteDocumentStore(database);
  const keys = new SqliteKeyStore(database);
  const files = new FileSystemFileStore(
    options.dataDir === ':memory:'
      ? mkdtempSync(join(tmpdir(), 'kesu-files-'))
      : join(options.dataDir, 'files'),
  );
  return {
    database,
    eventStore,
    messageLog,
    documents,
    keys,
    files,
    async close() {
      await Promise.all([eventStore.close(), messageLog.close()]);
      await database.close();
    },
  };
}
