import { EventEmitter } from 'node:events';
import { closeSync, fsync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StorageFullError } from '@kesu/ports';
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
  /**
   * Puts the write-ahead log on disk (default: fsync of `<file>-wal` on libuv's thread pool). For
   * tests of the commit protocol; a file database only.
   */
  readonly syncWal?: () => Promise<void>;
}

/**
 * One SQLite file (WAL) shared by every embedded adapter, and by other processes on the same file.
 * Writes are group-committed: all writes queued while the previous commit ran share the next
 * transaction, each inside its own savepoint, so one failing write rolls back alone, and every
 * write is on disk when its promise resolves.
 *
 * The write-ahead log is made durable off the main thread: SQLite commits without syncing
 * (`synchronous=NORMAL`, which in WAL mode keeps the file consistent and syncs at checkpoints), and
 * a commit's writes resolve after an fsync of the log that started once it had committed — the
 * durability of `synchronous=FULL` without stalling the event loop for the disk (an fsync costs a
 * few milliseconds, as long as a whole commit). Syncs are coalesced: the commits made while one
 * runs share the next. A commit is visible (and `commit` is emitted) before it is durable; what
 * readers derive from it is written after it in the same log, so a power loss keeps a prefix of
 * the commits. A failed fsync fails its writes and every later one: the file's state on disk is
 * then unknown.
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
  private readonly syncWal?: () => Promise<void>;
  private walFd?: number;
  /** The sync of the log running now, and the one that follows it for the commits made meanwhile. */
  private syncing?: Promise<void>;
  private nextSync?: Promise<void>;
  /** Each write's savepoint, prepared once. */
  private savepoints?: { readonly open: StatementSync; readonly release: StatementSync };
  /** Why the file can no longer be trusted to be durable. */
  private failure?: Error;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new DatabaseSync(options.file);
    this.db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec('PRAGMA secure_delete = ON');
    if (options.file === ':memory:') {
      this.db.exec('PRAGMA synchronous = FULL');
    } else {
      this.db.exec('PRAGMA synchronous = NORMAL');
      this.db.exec('PRAGMA wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(options.file);
      this.syncWal = options.syncWal ?? (() => this.fsyncWal());
    }
    this.maxBatch = options.maxBatch ?? 1000;
    this.events.setMaxListeners(0);
  }

  /** Runs `work` inside the next group commit; resolves with its result once it is durable. */
  write<T>(work: (db: DatabaseSync) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    if (this.failure) return Promise.reject(this.failure);
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
    if (this.options.file !== ':memory:') fsyncSync(this.fd());
  }

  /** Waits for queued writes and their syncs, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.scheduled || this.syncing || this.nextSync)
      await new Promise((r) => setImmediate(r));
    this.closed = true;
    await this.checkpointer?.stop();
    this.db.close();
    if (this.walFd !== undefined) closeSync(this.walFd);
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const pending of batch) pending.reject(translated(error));
      return this.reschedule();
    }
    const savepoint = (this.savepoints ??= {
      open: this.db.prepare('SAVEPOINT w'),
      release: this.db.prepare('RELEASE w'),
    });
    for (const pending of batch) {
      savepoint.open.run();
      try {
        outcomes.push({ ok: true, value: pending.work(this.db) });
        savepoint.release.run();
      } catch (error) {
        if (!this.db.isTransaction) {
          // SQLite rolled the whole transaction back (as it may on a full disk): none of it was kept
          for (const each of batch) each.reject(translated(error));
          return this.reschedule();
        }
        this.db.exec('ROLLBACK TO w');
        this.db.exec('RELEASE w');
        outcomes.push({ ok: false, error: translated(error) });
      }
    }
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const pending of batch) pending.reject(translated(error));
      return this.reschedule();
    }
    const settle = () =>
      batch.forEach((pending, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    if (!outcomes.some((o) => o.ok)) settle();
    else if (!this.syncWal) {
      settle();
      this.events.emit('commit');
    } else {
      this.durable().then(settle, (error: unknown) => {
        for (const pending of batch) pending.reject(error);
      });
      this.events.emit('commit');
    }
    this.reschedule();
  }

  /** Resolves once a sync of the log that started after this call has finished. */
  private durable(): Promise<void> {
    if (!this.syncing) return this.startSync();
    this.nextSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = undefined;
        return this.startSync();
      });
    return this.nextSync;
  }

  private startSync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const sync = this.syncWal!().catch((error: unknown) => {
      this.failure = new Error(
        `the database file could not be made durable: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
      throw this.failure;
    });
    this.syncing = sync;
    const done = () => {
      if (this.syncing === sync) this.syncing = undefined;
    };
    sync.then(done, done);
    return sync;
  }

  private fsyncWal(): Promise<void> {
    const fd = this.fd();
    return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  }

  /** The write-ahead log, opened once it exists (SQLite keeps it while a connection is open). */
  private fd(): number {
    this.walFd ??= openSync(`${this.options.file}-wal`, 'r+');
    return this.walFd;
  }

  private reschedule(): void {
    if (this.queue.length > 0) setImmediate(() => this.flush());
    else this.scheduled = false;
  }
}

/** SQLite's result code for a full database or disk (`SQLITE_FULL`). */
const SQLITE_FULL = 13;

/** A full database or disk as the ports name it; any other error as it is. */
function translated(error: unknown): unknown {
  const { errcode } = error as { errcode?: unknown };
  return typeof errcode === 'number' && (errcode & 0xff) === SQLITE_FULL
    ? new StorageFullError({ cause: error })
    : error;
}
