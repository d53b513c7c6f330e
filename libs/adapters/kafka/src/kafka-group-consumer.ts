import type { Consumer, ConsumerOptions, Message } from '@kesu/ports';
import type { Consumer as KafkaConsumer, EachBatchPayload, Kafka } from 'kafkajs';
import { sleep } from './abortable-sleep';
import type { KafkaConsumerTuning, KafkaLogger } from './kafka-options';
import { fromKafkaRecord } from './message-codec';
import { type PartitionBatch, PartitionProcessor } from './partition-processor';
import { retryDelayMs } from './retry-schedule';

/** What a consumer needs of its message log. */
export interface GroupConsumerContext {
  /** Creates the subscribed topics if missing: a group cannot be assigned a topic that does not exist. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Publishes a message that failed `attempts` times to its dead-letter topic. */
  deadLetter(message: Message, error: unknown, attempts: number): Promise<void>;
  readonly tuning: Required<KafkaConsumerTuning>;
  readonly logger?: KafkaLogger;
}

/** First wait before a consumer that could not connect tries again (ms, doubling up to a minute). */
const START_RETRY_MS = 1_000;

/**
 * One member of a Kafka consumer group. kafkajs fetches and balances the partitions; this class
 * applies the port's delivery rules (see `PartitionProcessor`) to each fetched batch and commits
 * offsets itself, only for messages done. Auto-commit is off because kafkajs would otherwise commit
 * the offsets it resolved at its own pace, also for messages still failing.
 */
export class KafkaGroupConsumer implements Consumer {
  private readonly consumer: KafkaConsumer;
  private readonly processor: PartitionProcessor;
  private readonly stopping = new AbortController();
  private readonly removeListeners: Array<() => void>;
  private started?: Promise<void>;
  private stopped?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
    private readonly context: GroupConsumerContext,
  ) {
    const { tuning } = context;
    this.consumer = kafka.consumer({
      groupId: options.group,
      sessionTimeout: tuning.sessionTimeout,
      rebalanceTimeout: tuning.rebalanceTimeout,
      heartbeatInterval: tuning.heartbeatInterval,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
    });
    this.processor = new PartitionProcessor(
      {
        handler: options.handler,
        batchHandler: options.batchHandler,
        maxAttempts: options.maxAttempts ?? 5,
        retryBackoffMs: options.retryBackoffMs ?? 100,
        batchSize: tuning.batchSize,
      },
      {
        deadLetter: (message, error, attempts) => this.deadLetter(message, error, attempts),
        sleep: (ms) => sleep(ms, this.stopping.signal),
        heartbeatEveryMs: tuning.heartbeatInterval,
      },
    );
    this.removeListeners = this.watchGroup();
  }

  /** Joins the group in the background: `consume` returns at once, as the port's signature says. */
  start(): void {
    this.started ??= this.startUntilStopped();
  }

  /**
   * Resolves after the message in progress is handled and committed: kafkajs's `disconnect` waits
   * for the batch in progress, which commits before it returns, then leaves the group.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    // kafkajs ignores a stop while the member is still joining, so let the join finish first.
    await this.started;
    try {
      await this.consumer.disconnect();
    } catch (error) {
      this.context.logger?.error('Kafka consumer did not disconnect cleanly', this.describe(error));
    }
    for (const remove of this.removeListeners) remove();
  }

  /** Tries to join until it succeeds or the consumer stops; a broker that is down at start-up is not fatal. */
  private async startUntilStopped(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.join();
        return;
      } catch (error) {
        const waitMs = retryDelayMs(attempt, START_RETRY_MS);
        this.context.logger?.error('Kafka consumer could not start, trying again', {
          ...this.describe(error),
          attempt,
          waitMs,
        });
        await sleep(waitMs, this.stopping.signal);
      }
    }
  }

  private async join(): Promise<void> {
    await this.context.ensureTopics(this.options.topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    if (this.stopping.signal.aborted) return;
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.context.tuning.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /**
   * Runs the delivery rules on one fetched batch. A heartbeat that fails (typically because the
   * group is rebalancing) stops the batch after the message in progress; the error is rethrown
   * once that message is committed, so kafkajs rejoins the group at once.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { batch } = payload;
    const messages = batch.messages.map((record) => fromKafkaRecord(batch.topic, batch.partition, record));
    let interruption: { error: unknown } | undefined;
    const view: PartitionBatch = {
      messages,
      mayProceed: () =>
        !interruption && !this.stopping.signal.aborted && payload.isRunning() && !payload.isStale(),
      heartbeat: async () => {
        await payload.heartbeat().catch((error: unknown) => void (interruption ??= { error }));
      },
      commit: (nextOffset) => this.commit(payload, messages, nextOffset),
    };
    await this.processor.process(view);
    if (interruption) throw interruption.error;
  }

  /**
   * Commits a partition's offset. Nothing is committed once the partition is stale (kafkajs was
   * told to seek elsewhere, e.g. after the partition was lost and assigned again): the new position
   * wins over the old batch's progress. kafkajs's own `commitOffsets` refuses to commit once
   * the consumer is stopping; the batch's commit does not, which `stop` needs.
   */
  private async commit(
    payload: EachBatchPayload,
    messages: readonly Message[],
    nextOffset: number,
  ): Promise<void> {
    if (payload.isStale()) return;
    const { topic, partition } = payload.batch;
    // Past the batch's last message lie only records kafkajs filtered out (transaction markers).
    const offset =
      nextOffset === messages[messages.length - 1]!.offset + 1
        ? Number(payload.batch.lastOffset()) + 1
        : nextOffset;
    payload.resolveOffset(String(offset - 1));
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic, partitions: [{ partition, offset: String(offset) }] }],
    });
  }

  private async deadLetter(message: Message, error: unknown, attempts: number): Promise<void> {
    await this.context.deadLetter(message, error, attempts);
    this.context.logger?.warn('Kafka consumer dead-lettered a message', {
      group: this.options.group,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      id: message.id,
      attempts,
      error: error instanceof Error ? error.message : String(error),
    });
  }

  /** Logs what the group does: joins (with the partitions assigned), rebalances and crashes. */
  private watchGroup(): Array<() => void> {
    const { events } = this.consumer;
    const group = this.options.group;
    return [
      this.consumer.on(events.GROUP_JOIN, ({ payload }) =>
        this.context.logger?.info('Kafka consumer joined its group', {
          group,
          memberId: payload.memberId,
          leader: payload.isLeader,
          assignment: payload.memberAssignment,
          durationMs: payload.duration,
        }),
      ),
      this.consumer.on(events.REBALANCING, ({ payload }) =>
        this.context.logger?.info('Kafka consumer group is rebalancing', {
          group,
          memberId: payload.memberId,
        }),
      ),
      this.consumer.on(events.CRASH, ({ payload }) =>
        this.context.logger?.error(
          payload.restart
            ? 'Kafka consumer crashed and restarts'
            : 'Kafka consumer crashed and stays stopped',
          { ...this.describe(payload.error), restart: payload.restart },
        ),
      ),
    ];
  }

  private describe(error: unknown): Record<string, unknown> {
    return {
      group: this.options.group,
      topics: this.options.topics,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
