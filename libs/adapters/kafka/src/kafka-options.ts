import type { Clock } from '@kesu/ports';

/**
 * Where the adapter reports what happens outside any caller's request: consumer group joins,
 * crashes, dead letters and kafkajs's own warnings. Library code never writes to the console, so a
 * host passes its logger here (for pino, wrap it: pino takes the details object first).
 */
export interface KafkaLogger {
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

/**
 * Timing of consumer group members. The kafkajs defaults suit production; tests shorten them so a
 * group forms and a stopped consumer leaves within a second or two.
 */
export interface KafkaConsumerTuning {
  /** How long the broker keeps a silent member in its group (ms, kafkajs default 30 000). */
  readonly sessionTimeout?: number;
  /** How long a rebalance waits for members to rejoin (ms, kafkajs default 60 000). */
  readonly rebalanceTimeout?: number;
  /** How often a member tells the broker it is alive (ms, kafkajs default 3 000). */
  readonly heartbeatInterval?: number;
  /** Longest a fetch waits for new messages (ms, default 500): also how long `stop` may wait for an idle fetch. */
  readonly maxWaitTimeInMs?: number;
  /** Most messages handed to a batch handler at once, and handled between two commits (default 100). */
  readonly batchSize?: number;
  /** Partitions one consumer handles at the same time (default 1: a retrying partition holds up the others). */
  readonly partitionsConsumedConcurrently?: number;
}

export interface KafkaConnectOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of topics created on first use (default 6). */
  readonly defaultPartitions?: number;
  /** Replicas of topics created on first use (default 1: raise it on a cluster of three or more brokers). */
  readonly replicationFactor?: number;
  readonly ssl?: boolean;
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /** Stamps published messages (default: the system clock). */
  readonly clock?: Clock;
  readonly logger?: KafkaLogger;
  readonly consumer?: KafkaConsumerTuning;
  /**
   * How often kafkajs retries a failed request before giving up (default 5; 0 fails fast). A
   * publication's send retries 10 times by default, about two minutes (see `PUBLISH_RETRY`).
   */
  readonly retries?: number;
  /** Message ids remembered to drop repeated publications (default 100 000, about 10 MB). */
  readonly recentIdCapacity?: number;
  /** Longest `read` waits for its messages before it fails (ms, default 30 000). */
  readonly readTimeoutMs?: number;
}

/** The options with every default filled in. */
export interface KafkaSettings {
  readonly clientId: string;
  readonly defaultPartitions: number;
  readonly replicationFactor: number;
  readonly clock?: Clock;
  readonly logger?: KafkaLogger;
  readonly consumer: Required<KafkaConsumerTuning>;
  readonly recentIdCapacity: number;
  readonly readTimeoutMs: number;
}

export function kafkaSettings(options: KafkaConnectOptions): KafkaSettings {
  const tuning = options.consumer ?? {};
  return {
    clientId: options.clientId,
    defaultPartitions: positive('defaultPartitions', options.defaultPartitions ?? 6),
    replicationFactor: options.replicationFactor ?? 1,
    clock: options.clock,
    logger: options.logger,
    consumer: {
      sessionTimeout: positive('sessionTimeout', tuning.sessionTimeout ?? 30_000),
      rebalanceTimeout: positive('rebalanceTimeout', tuning.rebalanceTimeout ?? 60_000),
      heartbeatInterval: positive('heartbeatInterval', tuning.heartbeatInterval ?? 3_000),
      maxWaitTimeInMs: positive('maxWaitTimeInMs', tuning.maxWaitTimeInMs ?? 500),
      batchSize: positive('batchSize', tuning.batchSize ?? 100),
      partitionsConsumedConcurrently: positive(
        'partitionsConsumedConcurrently',
        tuning.partitionsConsumedConcurrently ?? 1,
      ),
    },
    recentIdCapacity: positive('recentIdCapacity', options.recentIdCapacity ?? 100_000),
    readTimeoutMs: positive('readTimeoutMs', options.readTimeoutMs ?? 30_000),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
