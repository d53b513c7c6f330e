import { type ConsumerOptions, isUndeliverable, type Message } from '@kesu/ports';
import { retryDelayMs, waitSlices } from './retry-schedule';

/**
 * One fetched batch of a partition, with the consumer's controls: what the processor needs of
 * kafkajs's `EachBatchPayload`, narrowed so the delivery rules can be tested without a broker.
 */
export interface PartitionBatch {
  /** Consecutive messages of one partition, in offset order. */
  readonly messages: readonly Message[];
  /** Whether to start on another message: false once the consumer stops or the partition is lost or sought. */
  mayProceed(): boolean;
  /** Keeps the group membership alive during long work; a failure shows in `mayProceed`, it never throws. */
  heartbeat(): Promise<void>;
  /** Records that every message before `nextOffset` is done, so the group resumes there. */
  commit(nextOffset: number): Promise<void>;
}

/** How messages are delivered: the consumer's options with their defaults filled in. */
export interface DeliveryPolicy {
  readonly handler: ConsumerOptions['handler'];
  readonly batchHandler?: ConsumerOptions['batchHandler'];
  readonly maxAttempts: number;
  readonly retryBackoffMs: number;
  /** Most messages handed to the batch handler at once, and handled between two commits. */
  readonly batchSize: number;
}

/** What the processor does outside the batch. */
export interface ProcessorEffects {
  /** Publishes a message that failed `attempts` times to its dead-letter topic. */
  deadLetter(message: Message, error: unknown, attempts: number): Promise<void>;
  /** Waits `ms`, or less once the consumer stops. */
  sleep(ms: number): Promise<void>;
  /**
   * Longest wait between two heartbeats while a handler runs or a failed message waits for its
   * redelivery.
   */
  readonly heartbeatEveryMs: number;
}

/** What became of one message. */
type Delivery = 'handled' | 'dead-lettered' | 'interrupted';

/**
 * The delivery rules of a consumer, per partition batch, as in the embedded log: messages in offset
 * order; consecutive messages to the batch handler when there is one, and when it throws the same
 * messages one by one to the handler; a failing message redelivered with doubling backoff and
 * dead-lettered after `maxAttempts` deliveries, or at once when the handler calls it undeliverable;
 * offsets committed only for messages done, after each chunk and before a failing message is
 * retried or dead-lettered.
 *
 * Retries happen in process while the partition is held, instead of through a committed attempt
 * count as in the embedded log: a stop or a lost partition in the middle of them starts the count
 * again on the next delivery.
 */
export class PartitionProcessor {
  constructor(
    private readonly policy: DeliveryPolicy,
    private readonly effects: ProcessorEffects,
  ) {}

  /** Handles the batch, committing after each chunk, until it is done or may not proceed. */
  async process(batch: PartitionBatch): Promise<void> {
    const progress = new Progress(batch);
    let pending = batch.messages;
    while (pending.length > 0 && batch.mayProceed()) {
      const chunk = pending.slice(0, this.policy.batchSize);
      const settled = (await this.handleTogether(batch, chunk))
        ? chunk.length
        : await this.handleOneByOne(batch, chunk, progress);
      if (settled === 0) return;
      progress.done(chunk[settled - 1]!);
      await progress.commit();
      pending = pending.slice(settled);
    }
  }

  /** Hands the chunk to the batch handler; false when there is none or it threw. */
  private async handleTogether(batch: PartitionBatch, chunk: readonly Message[]): Promise<boolean> {
    const { batchHandler } = this.policy;
    if (!batchHandler) return false;
    try {
      await this.heartbeating(batch, () => batchHandler(chunk));
    } catch {
      // The messages go to the single handler next, which finds, retries and dead-letters the culprit.
      return false;
    }
    await batch.heartbeat();
    return true;
  }

  /**
   * Delivers the chunk's messages one at a time; resolves with how many are settled (handled or
   * dead-lettered). It stops after a dead letter, so the messages after it go back to the batch
   * handler, and when the batch may not proceed.
   */
  private async handleOneByOne(
    batch: PartitionBatch,
    chunk: readonly Message[],
    progress: Progress,
  ): Promise<number> {
    for (let settled = 0; settled < chunk.length; settled++) {
      if (!batch.mayProceed()) return settled;
      const message = chunk[settled]!;
      const delivery = await this.deliver(batch, message, progress);
      if (delivery === 'interrupted') return settled;
      if (delivery === 'dead-lettered') return settled + 1;
      progress.done(message);
      await batch.heartbeat();
    }
    return chunk.length;
  }

  /**
   * Delivers a message until the handler succeeds, it failed `maxAttempts` times (or once, calling
   * it undeliverable), or the batch is interrupted. The messages before it are committed at its
   * first failure, so neither a long retry nor a crash during it delivers them again.
   */
  private async deliver(batch: PartitionBatch, message: Message, progress: Progress): Promise<Delivery> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.heartbeating(batch, () => this.policy.handler(message));
        return 'handled';
      } catch (error) {
        await progress.commit();
        if (attempt >= this.policy.maxAttempts || isUndeliverable(error)) {
          await this.effects.deadLetter(message, error, attempt);
          return 'dead-lettered';
        }
        if (!(await this.waitBeforeRetry(batch, retryDelayMs(attempt, this.policy.retryBackoffMs))))
          return 'interrupted';
      }
    }
  }

  /**
   * Runs one handler call, heartbeating every `heartbeatEveryMs` while it runs: kafkajs heartbeats
   * only when asked to, and a member silent for the session timeout is evicted, its partitions
   * handed to another member while the call still runs. One heartbeat at a time; a failed one
   * (the group rebalances) ends the batch once the call returns, see `PartitionBatch.heartbeat`.
   */
  private async heartbeating<T>(batch: PartitionBatch, call: () => Promise<T>): Promise<T> {
    let beating: Promise<void> | undefined;
    const timer = setInterval(() => {
      beating ??= batch.heartbeat().finally(() => (beating = undefined));
    }, this.effects.heartbeatEveryMs);
    try {
      return await call();
    } finally {
      clearInterval(timer);
    }
  }

  /** Waits before a redelivery, heartbeating; false when the batch may not proceed any more. */
  private async waitBeforeRetry(batch: PartitionBatch, ms: number): Promise<boolean> {
    for (const slice of waitSlices(ms, this.effects.heartbeatEveryMs)) {
      await batch.heartbeat();
      if (!batch.mayProceed()) return false;
      await this.effects.sleep(slice);
    }
    await batch.heartbeat();
    return batch.mayProceed();
  }
}

/** How far a batch is done, and how far that is committed: each offset is committed once. */
class Progress {
  private next?: number;
  private committed?: number;

  constructor(private readonly batch: PartitionBatch) {}

  done(message: Message): void {
    this.next = message.offset + 1;
  }

  async commit(): Promise<void> {
    const next = this.next;
    if (next === undefined || (this.committed !== undefined && next <= this.committed)) return;
    await this.batch.commit(next);
    this.committed = next;
  }
}
