/**
 * A message in a topic partition, with Kafka semantics: messages with the same key go to the same
 * partition and keep their order; offsets are per partition and increase.
 */
export interface Message {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  /**
   * Unique per topic; publishing an id again is a no-op (idempotent producer). The embedded log
   * drops any repeat. Kafka drops repeats published through the same process; after a restart a
   * repeat may reach the log again, which is why every consumer is idempotent (projections guard by
   * position, commands replay by causation id).
   */
  readonly id: string;
  readonly value: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: string;
}

export interface OutgoingMessage {
  readonly key: string;
  readonly id: string;
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ConsumerOptions {
  /** Consumer group: members share the work and its committed offsets. */
  readonly group: string;
  readonly topics: readonly string[];
  /** Called in offset order per partition; offsets are committed after it resolves. */
  readonly handler: (message: Message) => Promise<void>;
  /**
   * Optional: handles a batch of consecutive messages of one partition at once (kafkajs eachBatch),
   * e.g. to write a projection in one transaction. When it throws, the batch is delivered again
   * message by message through `handler`, so a poison message is retried and dead-lettered alone.
   */
  readonly batchHandler?: (messages: readonly Message[]) => Promise<void>;
  /**
   * Deliveries of one message before it goes to the dead-letter topic (default 5); a handler that
   * throws `UndeliverableMessageError` sends it there at the first.
   */
  readonly maxAttempts?: number;
  /** Wait before a failed message is redelivered, in milliseconds (default 100, doubling). */
  readonly retryBackoffMs?: number;
}

export interface Consumer {
  /** Resolves after the message in progress has been handled and its offset committed. */
  stop(): Promise<void>;
}

/**
 * The dead-letter topic of a topic: messages that failed `maxAttempts` times, or whose handler threw
 * `UndeliverableMessageError`, with the error.
 */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Thrown by a handler for a message that can never be handled: malformed, or of a schema version
 * newer than the code knows. The message goes to its dead-letter topic at once, with the reason in
 * the `x-error` header, without retries, and the consumer moves on.
 */
export class UndeliverableMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndeliverableMessageError';
  }
}

/**
 * Whether a handler's error is an `UndeliverableMessageError`, also one built by another copy of
 * this module (recognised by its name).
 */
export function isUndeliverable(error: unknown): error is Error {
  return (
    error instanceof UndeliverableMessageError ||
    (error instanceof Error && error.name === 'UndeliverableMessageError')
  );
}

/** Headers on dead-lettered messages. */
export const DeadLetterHeaders = {
  error: 'x-error',
  attempts: 'x-attempts',
  group: 'x-consumer-group',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
} as const;

export interface TopicOffsets {
  readonly partition: number;
  /** The next offset the group will read. */
  readonly committed: number;
  /** The next offset to be written. */
  readonly end: number;
}

/**
 * A partitioned, replayable message log with Kafka semantics: topics, keys, partitions, consumer
 * groups with committed offsets, at-least-once delivery and dead-letter topics.
 */
export interface MessageLog {
  ensureTopic(topic: string, partitions?: number): Promise<void>;
  /** Durable when it resolves. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  consume(options: ConsumerOptions): Consumer;
  /** Reads a partition from an offset (inclusive), e.g. to inspect a dead-letter topic. */
  read(
    topic: string,
    options?: { partition?: number; fromOffset?: number; maxCount?: number },
  ): Promise<Message[]>;
  /** Committed and end offsets of a group on a topic, per partition: their difference is the lag. */
  offsets(group: string, topic: string): Promise<TopicOffsets[]>;
}
