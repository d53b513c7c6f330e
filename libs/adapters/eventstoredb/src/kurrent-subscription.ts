import type { AllFilter, Subscription, SubscriptionOptions } from '@kesu/ports';
import type { LogFeed } from './readable-feed';

const DEFAULT_BATCH_SIZE = 100;

/** How long to wait after a failure: `firstMs`, doubling up to `maxMs`. */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

const DEFAULT_BACKOFF: Backoff = { firstMs: 100, maxMs: 5_000 };

/** What a subscription needs of its event store. */
export interface SubscriptionSource {
  /** The stored checkpoint (0 when the subscription never ran). */
  loadCheckpoint(name: string): Promise<number>;
  saveCheckpoint(name: string, position: number): Promise<void>;
  /** A live feed of the log's events after `after` matching `filter`. */
  open(after: number, filter: AllFilter | undefined, batchSize: number): LogFeed;
}

/**
 * A durable catch-up subscription on the server's $all subscription: it opens a feed after the
 * stored checkpoint, awaits the handler for each batch, then stores the checkpoint on the server.
 * A failing handler is reported and gets the same batch again after a backoff (100 ms doubling to
 * 5 s); a failing feed (a dropped connection) is reported and reopened after the last checkpoint.
 */
export class KurrentSubscription implements Subscription {
  private stopping = false;
  private feed: LogFeed | undefined;
  private interruptSleep: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscriptionOptions,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.finished = this.run();
  }

  /** Resolves after the batch in progress has been handled and checkpointed. */
  stop(): Promise<void> {
    this.stopping = true;
    this.feed?.interrupt();
    this.interruptSleep?.();
    return this.finished;
  }

  private async run(): Promise<void> {
    let position: number | undefined;
    let failures = 0;
    while (!this.stopping) {
      try {
        position ??= await this.source.loadCheckpoint(this.options.name);
        await this.follow(position, (handled) => {
          position = handled;
          failures = 0;
        });
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(this.delayAfter(failures++));
      }
    }
  }

  /** Hands the feed's batches to the handler and checkpoints each, until stopped or the feed fails. */
  private async follow(after: number, handled: (position: number) => void): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const feed = this.source.open(after, this.options.filter, batchSize);
    this.feed = feed;
    try {
      while (!this.stopping) {
        const batch = await feed.next(batchSize);
        if (batch.length === 0) continue;
        if (!(await this.untilDone(() => this.options.handler(batch)))) return;
        const position = batch[batch.length - 1]!.globalPosition;
        if (!(await this.untilDone(() => this.source.saveCheckpoint(this.options.name, position)))) return;
        handled(position);
      }
    } finally {
      this.feed = undefined;
      // Closing only cancels the server's subscription; its failure must not hide the reason we stopped.
      await feed.close().catch(() => undefined);
    }
  }

  /**
   * Runs `action` until it succeeds, reporting each failure and backing off. Always runs it once,
   * so a batch whose handler is running when `stop` is called is still checkpointed; false when
   * stopped before it succeeded (the batch is then delivered again by the next run).
   */
  private async untilDone(action: () => Promise<void>): Promise<boolean> {
    for (let failures = 0; ; failures++) {
      try {
        await action();
        return true;
      } catch (error) {
        this.options.onError?.(error);
        if (this.stopping) return false;
        await this.sleep(this.delayAfter(failures));
        if (this.stopping) return false;
      }
    }
  }

  private delayAfter(failures: number): number {
    return Math.min(this.backoff.firstMs * 2 ** Math.min(failures, 30), this.backoff.maxMs);
  }

  /** Waits `ms`, or less when stopped. */
  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interruptSleep = done;
    });
  }
}
