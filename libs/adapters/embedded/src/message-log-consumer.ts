import { type Consumer, type ConsumerOptions, isUndeliverable } from '@kesu/ports';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { ConsumerGroupStore } from './consumer-group-store';

/** Timing of a consumer loop. */
export interface ConsumerTiming {
  /** How often to look for messages written by other processes (ms). */
  readonly pollIntervalMs: number;
  /** How long a group's lease on a topic lasts without renewal (ms). */
  readonly leaseMs: number;
  /** Most messages handled between two offset commits. */
  readonly batchSize: number;
}

/**
 * One member of a consumer group: holds the group's lease on each topic, handles every partition's
 * messages in offset order (the partitions side by side, as Kafka's consumers of a group would),
 * retries failures with doubling backoff (blocking only that partition) and dead-letters a message
 * after `maxAttempts` deliveries, or at once when its handler calls it undeliverable.
 */
export class GroupConsumer implements Consumer {
  private readonly owner = randomUUID();
  private readonly renewLeaseAt = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();
  private readonly onMessages = (topics: readonly string[]) => {
    if (topics.some((topic) => this.options.topics.includes(topic))) this.signal();
  };
  private stopping = false;
  private signalled = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly store: ConsumerGroupStore,
    /** Emits `messages` with the topics a commit of this process brought messages to. */
    private readonly arrivals: EventEmitter,
    private readonly options: ConsumerOptions,
    private readonly timing: ConsumerTiming,
  ) {}

  start(): void {
    this.arrivals.on('messages', this.onMessages);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal();
    await this.loop;
  }

  private signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.signalled = false;
      let delay = this.timing.pollIntervalMs;
      try {
        delay = Math.min(delay, await this.pass());
      } catch {
        delay = this.timing.pollIntervalMs;
      }
      if (delay > 0) await this.sleep(delay);
    }
    this.arrivals.off('messages', this.onMessages);
    await this.releaseLeases();
  }

  /** Handles what is available; resolves with how long to wait before the next pass (0: go on). */
  private async pass(): Promise<number> {
    let wait = Number.POSITIVE_INFINITY;
    for (const topic of this.options.topics) {
      if (this.stopping || !(await this.holdLease(topic))) continue;
      // partitions are drained side by side: each in order, and their writes share commits
      const partitions = Array.from({ length: this.store.partitions(topic) }, (_, partition) => partition);
      const waits = await Promise.all(
        partitions.map(async (partition) => {
          const retryAt = this.retryAt.get(`${topic}/${partition}`) ?? 0;
          if (retryAt > Date.now()) return retryAt - Date.now();
          return !this.stopping && (await this.drain(topic, partition)) ? 0 : Number.POSITIVE_INFINITY;
        }),
      );
      wait = Math.min(wait, ...waits);
    }
    return wait;
  }

  /** Handles one batch of a partition; resolves with whether there was anything to handle. */
  private async drain(topic: string, partition: number): Promise<boolean> {
    const { group, handler } = this.options;
    const from = this.store.committed(group, topic, partition);
    const batch = this.store.fetch(topic, partition, from, this.timing.batchSize);
    if (batch.length > 1 && this.options.batchHandler && !this.retryAt.has(`${topic}/${partition}`)) {
      const handled = await this.options.batchHandler(batch).then(
        () => true,
        () => false,
      );
      if (handled) {
        await this.store.commit(group, topic, partition, batch[batch.length - 1]!.offset + 1);
        return true;
      }
    }
    let next = from;
    for (const message of batch) {
      try {
        await handler(message);
      } catch (error) {
        if (next > from) await this.store.commit(group, topic, partition, next);
        await this.failed(message, error);
        return true;
      }
      this.retryAt.delete(`${topic}/${partition}`);
      next = message.offset + 1;
      if (this.stopping || !(await this.holdLease(topic))) break;
    }
    if (next > from) await this.store.commit(group, topic, partition, next);
    return batch.length > 0;
  }

  private async failed(message: Parameters<ConsumerOptions['handler']>[0], error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    // an undeliverable message is dead-lettered at this delivery, whatever failed before
    const maxAttempts = isUndeliverable(error) ? 1 : (this.options.maxAttempts ?? 5);
    const outcome = await this.store.fail(this.options.group, message, reason, maxAttempts);
    const slot = `${message.topic}/${message.partition}`;
    if (outcome.deadLettered) this.retryAt.delete(slot);
    else
      this.retryAt.set(slot, Date.now() + (this.options.retryBackoffMs ?? 100) * 2 ** (outcome.attempts - 1));
  }

  private async holdLease(topic: string): Promise<boolean> {
    if (Date.now() < (this.renewLeaseAt.get(topic) ?? 0)) return true;
    const held = await this.store.acquireLease(this.options.group, topic, this.owner, this.timing.leaseMs);
    if (held) this.renewLeaseAt.set(topic, Date.now() + this.timing.leaseMs / 3);
    else this.renewLeaseAt.delete(topic);
    return held;
  }

  private async releaseLeases(): Promise<void> {
    const topics = [...this.renewLeaseAt.keys()];
    this.renewLeaseAt.clear();
    await Promise.all(
      topics.map((topic) =>
        this.store.releaseLease(this.options.group, topic, this.owner).catch(() => undefined),
      ),
    );
  }

  private sleep(ms: number): Promise<void> {
    if (this.signalled || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
