import { type Consumer, type ConsumerOptions, isUndeliverable } from '@kesu/ports';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { ConsumerGroupStore } from './consumer-group-store';

/** The partitions of each topic a commit brought messages to. */
export type Arrivals = ReadonlyMap<string, ReadonlySet<number>>;

/** Timing of a consumer loop. */
export interface ConsumerTiming {
  /**
   * How soon to look again after a failed pass (ms); every partition is looked at once a second
   * at least, and whenever another process commits (the log's `elsewhere`).
   */
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
 *
 * A pass looks only at the partitions that may have something: those a commit of this process
 * brought messages to, those whose last batch was not empty, and those waiting for a retry. Every
 * partition is looked at on start, on taking a topic's lease, when another process committed, and
 * once a second besides.
 */
export class GroupConsumer implements Consumer {
  private readonly owner = randomUUID();
  private readonly renewLeaseAt = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();
  /** Partitions (`topic/partition`) with news since the last pass. */
  private flagged = new Set<string>();
  /** Partitions whose last batch was not empty: there may be more. */
  private readonly busy = new Set<string>();
  /** The next offset of each partition as this member last read or committed it. */
  private readonly offsets = new Map<string, number>();
  /** Partition counts of the topics that exist (a topic keeps its count). */
  private readonly partitionCounts = new Map<string, number>();
  /** Whether the next pass looks at every partition. */
  private everything = true;
  private readonly onMessages = (arrived: Arrivals) => {
    let mine = false;
    for (const topic of this.options.topics) {
      const partitions = arrived.get(topic);
      if (!partitions) continue;
      mine = true;
      for (const partition of partitions) this.flagged.add(`${topic}/${partition}`);
    }
    if (mine) this.signal();
  };
  private readonly onElsewhere = () => {
    this.everything = true;
    this.signal();
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
    this.arrivals.on('elsewhere', this.onElsewhere);
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
    const everySecond = Math.max(1000, this.timing.pollIntervalMs);
    while (!this.stopping) {
      this.signalled = false;
      let delay = everySecond;
      try {
        delay = Math.min(delay, await this.pass());
      } catch {
        this.everything = true;
        delay = this.timing.pollIntervalMs;
      }
      if (delay > 0 && !(await this.sleep(delay))) this.everything = true;
    }
    this.arrivals.off('messages', this.onMessages);
    this.arrivals.off('elsewhere', this.onElsewhere);
    await this.releaseLeases();
  }

  /** Handles what is available; resolves with how long to wait before the next pass (0: go on). */
  private async pass(): Promise<number> {
    const everything = this.everything;
    const flagged = this.flagged;
    this.everything = false;
    this.flagged = new Set();
    let wait = Number.POSITIVE_INFINITY;
    for (const topic of this.options.topics) {
      const taking = !this.renewLeaseAt.has(topic);
      if (this.stopping || !(await this.holdLease(topic))) continue;
      const look = (slot: string) =>
        everything || taking || flagged.has(slot) || this.busy.has(slot) || this.retryAt.has(slot);
      const partitions = [];
      for (let partition = 0; partition < this.partitionsOf(topic); partition++)
        if (look(`${topic}/${partition}`)) partitions.push(partition);
      // partitions are drained side by side: each in order, and their writes share commits
      const waits = await Promise.all(
        partitions.map(async (partition) => {
          const slot = `${topic}/${partition}`;
          const retryAt = this.retryAt.get(slot) ?? 0;
          if (retryAt > Date.now()) return retryAt - Date.now();
          const more = !this.stopping && (await this.drain(topic, partition, everything || taking));
          if (more) this.busy.add(slot);
          else this.busy.delete(slot);
          return more ? 0 : Number.POSITIVE_INFINITY;
        }),
      );
      wait = Math.min(wait, ...waits);
    }
    return wait;
  }

  private partitionsOf(topic: string): number {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const count = this.store.partitions(topic);
    if (count > 0) this.partitionCounts.set(topic, count);
    return count;
  }

  /**
   * Handles one batch of a partition; resolves with whether there may be more right away (a full
   * batch, a failure, or a stop half-way). A message committed after the fetch flags its partition
   * for the next pass, so a batch shorter than `batchSize` leaves nothing behind.
   */
  private async drain(topic: string, partition: number, reread: boolean): Promise<boolean> {
    const { group, handler } = this.options;
    const slot = `${topic}/${partition}`;
    const from = (!reread && this.offsets.get(slot)) || this.store.committed(group, topic, partition);
    const batch = this.store.fetch(topic, partition, from, this.timing.batchSize);
    const full = batch.length === this.timing.batchSize;
    const commit = async (next: number) => {
      await this.store.commit(group, topic, partition, next);
      this.offsets.set(slot, next);
    };
    if (batch.length > 1 && this.options.batchHandler && !this.retryAt.has(slot)) {
      const handled = await this.options.batchHandler(batch).then(
        () => true,
        () => false,
      );
      if (handled) {
        await commit(batch[batch.length - 1]!.offset + 1);
        return full;
      }
    }
    let next = from;
    for (const message of batch) {
      try {
        await handler(message);
      } catch (error) {
        if (next > from) await commit(next);
        this.offsets.delete(slot);
        await this.failed(message, error);
        return true;
      }
      this.retryAt.delete(slot);
      next = message.offset + 1;
      if (this.stopping || !(await this.holdLease(topic))) break;
    }
    if (next > from) await commit(next);
    return full || (batch.length > 0 && next <= batch[batch.length - 1]!.offset);
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

  /** Waits `ms`, or less when signalled: resolves with whether it was woken before the time. */
  private sleep(ms: number): Promise<boolean> {
    if (this.signalled || this.stopping) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(woken);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wake = () => done(true);
    });
  }
}
