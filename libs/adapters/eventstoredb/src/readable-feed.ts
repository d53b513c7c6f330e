import type { RecordedEvent } from '@kesu/kernel';

/** The part of a readable stream in object mode (the client's subscription) a feed uses. */
export interface ItemSource<T> {
  on(event: 'data', listener: (item: T) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  isPaused(): boolean;
}

/** A live read of the global log: the matching events after a position, in batches. */
export interface LogFeed {
  /**
   * The next events, at least one and at most `max`; [] once interrupted. Rejects when the feed
   * failed or ended (a catch-up subscription only ends when dropped).
   */
  next(max: number): Promise<RecordedEvent[]>;
  /** Makes a pending and every later `next` resolve with []. */
  interrupt(): void;
  close(): Promise<void>;
}

export interface ReadableFeedOptions {
  /** How many items to buffer before pausing the source (backpressure down to the server). */
  readonly highWaterMark: number;
  /** How long a batch waits for more events after its first one (ms). */
  readonly lingerMs: number;
  /** Ends the source (unsubscribes). */
  readonly close: () => Promise<void>;
}

/**
 * Batches the items of a readable stream (the client's catch-up subscription) into runs of
 * events. A subscription pushes events one by one; events that arrive together (one append, or
 * a page of the catch-up) are handed over together: a batch takes what is buffered and waits
 * `lingerMs` for more before it is returned. `convert` maps an item to an event of the log, or to
 * undefined for items that are not (system events, other filters' events).
 */
export class ReadableFeed<T> implements LogFeed {
  private readonly queue: T[] = [];
  private failure: unknown;
  private failed = false;
  private ended = false;
  private interrupted = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: ItemSource<T>,
    private readonly convert: (item: T) => RecordedEvent | undefined,
    private readonly options: ReadableFeedOptions,
  ) {
    source.on('data', (item: T) => this.receive(item));
    source.on('error', (error: unknown) => this.fail(error));
    source.on('end', () => this.end());
    source.on('close', () => this.end());
  }

  async next(max: number): Promise<RecordedEvent[]> {
    const batch: RecordedEvent[] = [];
    let lingerUntil = 0;
    while (batch.length < max && !this.interrupted) {
      const item = this.take();
      if (item.taken) {
        const event = this.convert(item.value);
        if (event && batch.push(event) === 1) lingerUntil = Date.now() + this.options.lingerMs;
        continue;
      }
      if (batch.length > 0) {
        const left = lingerUntil - Date.now();
        if (left <= 0 || this.failed || this.ended) break;
        await this.waitForItems(left);
        continue;
      }
      if (this.failed) throw this.failure;
      if (this.ended) throw new Error('the subscription ended');
      await this.waitForItems();
    }
    return this.interrupted ? [] : batch;
  }

  interrupt(): void {
    this.interrupted = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.interrupt();
    await this.options.close();
  }

  private receive(item: T): void {
    this.queue.push(item);
    if (this.queue.length >= this.options.highWaterMark) this.source.pause();
    this.wake?.();
  }

  private fail(error: unknown): void {
    if (!this.failed) [this.failed, this.failure] = [true, error];
    this.wake?.();
  }

  private end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** The oldest buffered item; resumes the source once half the buffer is free. */
  private take(): { taken: true; value: T } | { taken: false } {
    if (this.queue.length === 0) return { taken: false };
    const value = this.queue.shift() as T;
    if (this.source.isPaused() && this.queue.length <= this.options.highWaterMark / 2) this.source.resume();
    return { taken: true, value };
  }

  /** Resolves when an item arrives, the source fails or ends, the feed is interrupted, or after `ms`. */
  private waitForItems(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      this.wake = done;
    });
  }
}
