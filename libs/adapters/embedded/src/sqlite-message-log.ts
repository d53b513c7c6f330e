import { EventEmitter } from 'node:events';
import {
  type Clock,
  type Consumer,
  type ConsumerOptions,
  type Message,
  type MessageLog,
  type OutgoingMessage,
  SystemClock,
  type TopicOffsets,
} from '@kesu/ports';
import { ConsumerGroupStore } from './consumer-group-store';
import type { EmbeddedDatabase } from './database';
import { GroupConsumer } from './message-log-consumer';
import { messageLogSchema, partitionOf } from './message-log-schema';
import { StatementCache } from './statement-cache';

export interface SqliteMessageLogOptions {
  /** Stamps published messages (default: the system clock). */
  readonly clock?: Clock;
  /** How often consumers look for messages written by other processes (ms, default 50). */
  readonly pollIntervalMs?: number;
  /** Partitions of topics created implicitly by `publish` (default 4). */
  readonly defaultPartitions?: number;
  /** How long a consumer group's lease on a topic lasts without renewal (ms, default 10 s). */
  readonly leaseMs?: number;
  /** Most messages a consumer handles between two offset commits (default 100). */
  readonly batchSize?: number;
}

/**
 * The message log on the embedded SQLite file, with Kafka semantics: keyed messages hashed to
 * partitions, idempotent publication by message id, consumer groups with committed offsets,
 * redelivery with backoff and dead-letter topics. Consumers in other processes on the same file
 * see new messages within `pollIntervalMs`; one member of a group consumes a topic at a time.
 * Consumers in this process are woken as soon as a commit brings messages to one of their topics
 * (`arrivals`), and look only at the partitions it brought them to; a commit by another process
 * (SQLite's `data_version`) makes them look at every partition.
 */
export class SqliteMessageLog implements MessageLog {
  private readonly statements: StatementCache;
  private readonly groups: ConsumerGroupStore;
  private readonly consumers = new Set<GroupConsumer>();
  private readonly clock: Clock;
  private readonly defaultPartitions: number;
  /** The partitions of each topic appended to by writes since the last commit. */
  private appended = new Map<string, Set<number>>();
  /**
   * Emits `messages` with the partitions of each topic a commit of this process brought messages
   * to, and `elsewhere` when another connection (another process) committed to the file.
   */
  private readonly arrivals = new EventEmitter().setMaxListeners(0);
  private readonly onCommit = () => {
    if (this.appended.size === 0) return;
    const arrived = this.appended;
    this.appended = new Map();
    this.arrivals.emit('messages', arrived);
  };
  /** Looks for other processes' commits while consumers run (SQLite's `data_version`). */
  private watcher?: NodeJS.Timeout;
  private dataVersion = -1;
  private closed = false;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly options: SqliteMessageLogOptions = {},
  ) {
    database.migrate(messageLogSchema);
    this.statements = new StatementCache(database.db);
    this.groups = new ConsumerGroupStore(database, this.statements, (topic, messages) =>
      this.append(topic, messages),
    );
    this.clock = options.clock ?? new SystemClock();
    this.defaultPartitions = options.defaultPartitions ?? 4;
    database.events.on('commit', this.onCommit);
  }

  /** Creates the topic unless it exists; an existing topic keeps its partition count. */
  async ensureTopic(topic: string, partitions = this.defaultPartitions): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new Error(`invalid partition count ${partitions}`);
    await this.database.write(() => this.topicPartitions(topic, partitions));
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.database.write(() => this.append(topic, messages));
  }

  consume(options: ConsumerOptions): Consumer {
    if (this.closed) throw new Error('the message log is closed');
    this.watchOtherProcesses();
    const consumer = new GroupConsumer(this.groups, this.arrivals, options, {
      pollIntervalMs: this.options.pollIntervalMs ?? 50,
      leaseMs: this.options.leaseMs ?? 10_000,
      batchSize: this.options.batchSize ?? 100,
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

  async read(
    topic: string,
    options: { partition?: number; fromOffset?: number; maxCount?: number } = {},
  ): Promise<Message[]> {
    return this.groups.fetch(topic, options.partition ?? 0, options.fromOffset ?? 0, options.maxCount ?? 100);
  }

  async offsets(group: string, topic: string): Promise<TopicOffsets[]> {
    const end = this.statements.get(
      'SELECT coalesce(max(offset) + 1, 0) AS end FROM messages WHERE topic = ? AND partition = ?',
    );
    return Array.from({ length: this.groups.partitions(topic) }, (_, partition) => ({
      partition,
      committed: this.groups.committed(group, topic, partition),
      end: end.get(topic, partition)!.end as number,
    }));
  }

  /** Stops every consumer: each finishes and commits its message in progress. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    clearInterval(this.watcher);
    this.database.events.off('commit', this.onCommit);
  }

  /**
   * Every `pollIntervalMs`, whether another connection committed to the file since the last look:
   * then the consumers look at every partition, since messages of another process are not announced.
   */
  private watchOtherProcesses(): void {
    if (this.watcher) return;
    const version = this.statements.get('PRAGMA data_version');
    const look = () => {
      try {
        const now = version.get()!.data_version as number;
        if (now !== this.dataVersion && this.dataVersion !== -1) this.arrivals.emit('elsewhere');
        this.dataVersion = now;
      } catch {
        // closed under the timer: the next start looks again
      }
    };
    look();
    this.watcher = setInterval(look, this.options.pollIntervalMs ?? 50).unref();
  }

  /** Appends inside a write: skips ids already in the topic, assigns partitions and offsets. */
  private append(topic: string, messages: readonly OutgoingMessage[]): void {
    const partitions = this.topicPartitions(topic, this.defaultPartitions);
    const exists = this.statements.get('SELECT 1 FROM messages WHERE topic = ? AND id = ?');
    const nextOffset = this.statements.get(
      'SELECT coalesce(max(offset) + 1, 0) AS next FROM messages WHERE topic = ? AND partition = ?',
    );
    const insert = this.statements.get(
      `INSERT INTO messages (topic, partition, offset, key, id, value, headers, timestamp)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const timestamp = this.clock.now().toISOString();
    let arrived = this.appended.get(topic);
    if (!arrived) this.appended.set(topic, (arrived = new Set()));
    for (const message of messages) {
      if (exists.get(topic, message.id)) continue;
      const partition = partitionOf(message.key, partitions);
      arrived.add(partition);
      const offset = nextOffset.get(topic, partition)!.next as number;
      const value = JSON.stringify(message.value ?? null);
      const headers = JSON.stringify(message.headers ?? {});
      insert.run(topic, partition, offset, message.key, message.id, value, headers, timestamp);
    }
  }

  private topicPartitions(topic: string, partitions: number): number {
    this.statements
      .get('INSERT OR IGNORE INTO message_topics (name, partitions) VALUES (?, ?)')
      .run(topic, partitions);
    return this.groups.partitions(topic);
  }
}
