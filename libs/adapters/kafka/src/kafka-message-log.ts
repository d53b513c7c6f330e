import {
  type Clock,
  type Consumer,
  type ConsumerOptions,
  deadLetterTopic,
  type Message,
  type MessageLog,
  type OutgoingMessage,
  SystemClock,
  type TopicOffsets,
} from '@kesu/ports';
import { type Admin, Kafka, Partitioners, type ProducerConfig, type SASLOptions } from 'kafkajs';
import { deadLetterMessage } from './dead-letter';
import { quietIdleRequestQueues } from './idle-request-queue';
import { KafkaGroupConsumer } from './kafka-group-consumer';
import { kafkaLogging } from './kafka-logging';
import { type KafkaConnectOptions, type KafkaSettings, kafkaSettings } from './kafka-options';
import { toKafkaRecord } from './message-codec';
import { readPartition } from './partition-reader';
import { RecentIds } from './recent-ids';
import { publishRetry, RenewingProducer } from './renewing-producer';
import { TopicRegistry, topicOffsets } from './topic-registry';

/** The connected kafkajs clients a message log works with. */
export interface KafkaClients {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: RenewingProducer;
}

/**
 * The message log on Apache Kafka: keyed messages partitioned by kafkajs's Java-compatible
 * partitioner, an idempotent producer that waits for every in-sync replica (replaced by a new one
 * after a send fails, see `RenewingProducer`), consumer groups with offsets committed only after a
 * message is handled, in-process redelivery with backoff and dead-letter topics, following the
 * embedded log's behaviour. A repeated message id is dropped within this process only (see
 * `Message.id`).
 */
export class KafkaMessageLog implements MessageLog {
  private readonly topics: TopicRegistry;
  private readonly recentIds: RecentIds;
  private readonly clock: Clock;
  private readonly consumers = new Set<KafkaGroupConsumer>();
  private readonly reads = new Set<Promise<unknown>>();
  private closing?: Promise<void>;
  private closed = false;

  constructor(
    private readonly clients: KafkaClients,
    private readonly settings: KafkaSettings,
  ) {
    this.topics = new TopicRegistry(clients.admin, {
      partitions: settings.defaultPartitions,
      replicationFactor: settings.replicationFactor,
    });
    this.recentIds = new RecentIds(settings.recentIdCapacity);
    this.clock = settings.clock ?? new SystemClock();
  }

  /** Creates the topic unless it exists; an existing topic keeps its partition count. */
  async ensureTopic(topic: string, partitions = this.settings.defaultPartitions): Promise<void> {
    this.assertOpen();
    await this.topics.ensure(topic, partitions);
  }

  /**
   * Durable when it resolves (acks from every in-sync replica). Ids published before through this
   * log are not sent again; a repeat of an id whose first publication is still in flight resolves
   * once that publication is durable, and publishes the message itself when it failed. When the
   * send fails, the ids are forgotten again so a retry publishes them.
   */
  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.assertOpen();
    await this.recentIds.publish(topic, messages, async (fresh) => {
      await this.topics.ensure(topic);
      const timestamp = this.clock.now();
      await this.clients.producer.send({
        topic,
        acks: -1,
        messages: fresh.map((message) => toKafkaRecord(message, timestamp)),
      });
    });
  }

  consume(options: ConsumerOptions): Consumer {
    if (this.closing) throw new Error('the message log is closed');
    validateConsumerOptions(options);
    const consumer = new KafkaGroupConsumer(this.clients.kafka, options, {
      ensureTopics: async (topics) => {
        await Promise.all(topics.map((topic) => this.topics.ensure(topic)));
      },
      deadLetter: (message, error, attempts) =>
        this.publish(deadLetterTopic(message.topic), [
          deadLetterMessage(message, { group: options.group, error, attempts }),
        ]),
      tuning: this.settings.consumer,
      logger: this.settings.logger,
    });
    this.consumers.add(consumer);
    consumer.start();
    return {
      stop: async () => {
        await consumer.stop();
        this.consumers.delete(consumer);
      },
    };
  }

  /** Reads a partition from an offset, up to `maxCount` messages or its end when the read began. */
  async read(
    topic: string,
    options: { partition?: number; fromOffset?: number; maxCount?: number } = {},
  ): Promise<Message[]> {
    this.assertOpen();
    const reading = this.readRange(
      topic,
      options.partition ?? 0,
      options.fromOffset ?? 0,
      options.maxCount ?? 100,
    );
    this.reads.add(reading);
    try {
      return await reading;
    } finally {
      this.reads.delete(reading);
    }
  }

  /** Committed and end offsets per partition; none for a topic that does not exist (yet). */
  async offsets(group: string, topic: string): Promise<TopicOffsets[]> {
    this.assertOpen();
    if (!(await this.topics.exists(topic))) return [];
    const [watermarks, committed] = await Promise.all([
      this.clients.admin.fetchTopicOffsets(topic),
      this.clients.admin.fetchOffsets({ groupId: group, topics: [topic] }),
    ]);
    return topicOffsets(watermarks, committed.find((c) => c.topic === topic)?.partitions ?? []);
  }

  /**
   * Stops every consumer (each finishes and commits its message in progress, and may still
   * dead-letter it), waits for reads in progress, then disconnects the producer and admin client.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    await Promise.allSettled([...this.reads]);
    this.closed = true;
    await Promise.allSettled([this.clients.producer.disconnect(), this.clients.admin.disconnect()]);
  }

  private async readRange(
    topic: string,
    partition: number,
    fromOffset: number,
    maxCount: number,
  ): Promise<Message[]> {
    if (maxCount < 1 || !(await this.topics.exists(topic))) return [];
    const watermarks = await this.clients.admin.fetchTopicOffsets(topic);
    const mark = watermarks.find((w) => w.partition === partition);
    if (!mark) return [];
    const from = Math.max(fromOffset, Number(mark.low));
    const until = Number(mark.high);
    // Nothing to read: answer without the group join a read costs.
    if (from >= until) return [];
    return readPartition(
      {
        kafka: this.clients.kafka,
        admin: this.clients.admin,
        clientId: this.settings.clientId,
        tuning: this.settings.consumer,
        timeoutMs: this.settings.readTimeoutMs,
        logger: this.settings.logger,
      },
      { topic, partition, from, until, maxCount, partitions: watermarks.map((w) => w.partition) },
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the message log is closed');
  }
}

/**
 * Connects to a Kafka cluster: the admin client (topics, offsets) and the idempotent producer.
 * Fails, naming the brokers, when they cannot be reached, so a misconfigured host says where it
 * looked instead of hanging.
 */
export async function connectKafka(options: KafkaConnectOptions): Promise<KafkaMessageLog> {
  if (options.brokers.length === 0) throw new Error('connectKafka needs at least one broker');
  const settings = kafkaSettings(options);
  const patch = quietIdleRequestQueues();
  if (!patch.applied) {
    const { reason } = patch;
    options.logger?.warn('kafkajs left unpatched: idle connections may poll every millisecond', { reason });
  }
  const kafka = new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId,
    ssl: options.ssl,
    sasl: options.sasl && saslOptions(options.sasl),
    retry: options.retries === undefined ? undefined : { retries: options.retries },
    ...kafkaLogging(options.logger),
  });
  const admin = kafka.admin();
  const producerConfig: ProducerConfig = {
    // The broker drops a retried batch it already wrote; one request in flight keeps kafkajs's
    // sequence numbers (and so the order of a key's messages) safe across those retries.
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: publishRetry(options.retries),
  };
  const producer = kafka.producer(producerConfig);
  try {
    await admin.connect();
    await producer.connect();
  } catch (error) {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach Kafka at ${options.brokers.join(', ')}: ${reason}`, { cause: error });
  }
  const renewing = new RenewingProducer(producer, () => kafka.producer(producerConfig));
  return new KafkaMessageLog({ kafka, admin, producer: renewing }, settings);
}

function saslOptions(sasl: NonNullable<KafkaConnectOptions['sasl']>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function validateConsumerOptions(options: ConsumerOptions): void {
  if (options.topics.length === 0) throw new Error('a consumer needs at least one topic');
  const { maxAttempts = 5, retryBackoffMs = 100 } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  if (!Number.isFinite(retryBackoffMs) || retryBackoffMs < 0)
    throw new Error(`retryBackoffMs must not be negative, got ${retryBackoffMs}`);
}
