import type { EventEmitter } from 'node:events';
import type { RecordedEvent } from '@kesu/kernel';
import type { AllFilter, Subscription, SubscriptionOptions } from '@kesu/ports';

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
const DEFAULT_BATCH_SIZE = 100;

/** A batch of the global log and how far it was scanned: past the last event, or past filtered-out events. */
export interface Batch {
  readonly events: readonly RecordedEvent[];
  readonly scannedTo: number;
}

/** What a subscription needs of its event store. */
export interface SubscriptionSource {
  /** Emits `commit` after each commit of this process. */
  readonly commits: EventEmitter;
  /** How often to look for events committed by other processes. */
  readonly pollIntervalMs: number;
  loadCheckpoint(name: string): number;
  readBatch(after: number, filter: AllFilter | undefined, maxCount: number): Batch;
  saveCheckpoint(name: string, position: number): Promise<void>;
}

/**
 * A durable catch-up subscription: reads batches after the stored checkpoint, awaits the handler,
 * then stores the checkpoint. Wakes on this process's commits and polls for other processes'.
 * A failing batch is retried after a backoff (100 ms doubling to 5 s).
 */
export class SqliteSubscription implements Subscription {
  private stopping = false;
  private interrupt: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;
  private readonly onCommit = (): void => this.wake?.();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscriptionOptions,
  ) {
    source.commits.on('commit', this.onCommit);
    this.finished = this.run().finally(() => source.commits.off('commit', this.onCommit));
  }

  /** Resolves after the batch in progress has been handled and checkpointed. */
  stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { name, filter } = this.options;
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let position = -1;
    let backoff = FIRST_BACKOFF_MS;
    while (!this.stopping) {
      try {
        if (position < 0) position = this.source.loadCheckpoint(name);
        const batch = this.source.readBatch(position, filter, batchSize);
        if (batch.events.length === 0) {
          position = batch.scannedTo;
          await this.sleep(this.source.pollIntervalMs, true);
          continue;
        }
        await this.options.handler(batch.events);
        await this.source.saveCheckpoint(name, batch.scannedTo);
        position = batch.scannedTo;
        backoff = FIRST_BACKOFF_MS;
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(backoff, false);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Waits `ms`, or less when stopped (and, if `wakeOnCommit`, when this process commits). */
  private sleep(ms: number, wakeOnCommit: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = done;
      if (wakeOnCommit) this.wake = done;
    });
  }
}
