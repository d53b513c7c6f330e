import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: its own connection to the file, checkpointing the WAL without blocking writers.
 * It syncs the log before copying it into the file and the file before the log may be reused.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 1000');
db.exec('PRAGMA synchronous = FULL');
const run = () => { try { db.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); run(); db.close(); parentPort.close(); });
`;

/**
 * Moves the WAL's pages into the database file on a worker thread, so that no commit on the main
 * thread pays for a checkpoint (SQLite's automatic checkpoint runs inside the committing call and
 * stalls the event loop for its whole duration).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly stopped: Promise<void>;

  constructor(file: string, intervalMs = 1000) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs } });
    this.worker.unref();
    this.stopped = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Runs a last checkpoint and ends the thread. */
  async stop(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.stopped;
  }
}
