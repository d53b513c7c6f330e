import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { WalCheckpointer } from './checkpointer';

interface PendingWrite {
  readonly work: (db: DatabaseSync) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export interface EmbeddedDatabaseOptions {
  /** Path of the SQLite file; `:memory:` for a private in-memory database. */
  readonly file: string;
  /** How long a writer waits for another process's write lock, in milliseconds (default 10 s). */
  readonly busyTimeoutMs?: number;
  /** Most writes committed together in one transaction (default 1000). */
  readonly maxBatch?: number;
}

/**
 * One SQLite file (WAL, `synchronous=FULL`) shared by every embedded adapter, and by other
 * processes on the same file. Writes are group-committed: all writes queued while the previous
 * commit ran share the next transaction, each inside its own savepoint, so one failing write rolls
 * back alone and every write is on disk when its promise resolves.
 */
export class EmbeddedDatabase {
  readonly db: DatabaseSync;
  /** Emits `commit` after every transaction that committed at least one write. */
  readonly events = new EventEmitter();
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private closed = false;
  private readonly maxBatch: number;
  private readonly checkpointer?: WalCheckpointer;

  constructor(options: EmbeddedDatabaseOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new DatabaseSync(options.file);
    this.db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec('PRAGMA secure_delete = ON');
    if (options.file !== ':memory:') {
      this.db.exec('PRAGMA wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(options.file);
    }
    this.maxBatch = options.maxBatch ?? 1000;
    this.events.setMaxListeners(0);
  }

  /** Runs `work` inside the next group commit; resolves with its result once it is durable. */
  write<T>(work: (db: DatabaseSync) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs schema statements once, in their own transaction. */
  migrate(sql: string): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.exec(sql);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Waits for queued writes, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    await this.checkpointer?.stop();
    this.db.close();
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return this.reschedule();
    }
    for (const pending of batch) {
      this.db.exec('SAVEPOINT w');
      try {
        outcomes.push({ ok: true, value: pending.work(this.db) });
        this.db.exec('RELEASE w');
      } catch (error) {
        this.db.exec('ROLLBACK TO w');
        this.db.exec('RELEASE w');
        outcomes.push({ ok: false, error });
      }
    }
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const pending of batch) pending.reject(error);
      return this.reschedule();
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.events.emit('commit');
    this.reschedule();
  }

  private reschedule(): void {
    if (this.queue.length > 0) setImmediate(() => this.flush());
    else this.scheduled = false;
  }
}
