import { DeadLetterHeaders, deadLetterTopic, type Message, type OutgoingMessage } from '@kesu/ports';
import type { EmbeddedDatabase } from './database';
import { toMessage } from './message-log-schema';
import type { StatementCache } from './statement-cache';

/** Appends messages to a topic inside a write (see `SqliteMessageLog`). */
export type AppendMessages = (topic: string, messages: readonly OutgoingMessage[]) => void;

/** What became of a failed delivery. */
export interface FailureOutcome {
  readonly attempts: number;
  readonly deadLettered: boolean;
}

/** The consumer-group side of the embedded message log: offsets, failed deliveries and leases. */
export class ConsumerGroupStore {
  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly statements: StatementCache,
    private readonly append: AppendMessages,
  ) {}

  /** Partitions of a topic; 0 while it does not exist. */
  partitions(topic: string): number {
    const row = this.statements.get('SELECT partitions FROM message_topics WHERE name = ?').get(topic);
    return (row?.partitions as number | undefined) ?? 0;
  }

  /** The next offset the group reads in a partition. */
  committed(group: string, topic: string, partition: number): number {
    const row = this.statements
      .get('SELECT next_offset FROM consumer_offsets WHERE group_id = ? AND topic = ? AND partition = ?')
      .get(group, topic, partition);
    return (row?.next_offset as number | undefined) ?? 0;
  }

  /** Messages of a partition from an offset (inclusive), in offset order. */
  fetch(topic: string, partition: number, fromOffset: number, maxCount: number): Message[] {
    return this.statements
      .get('SELECT * FROM messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?')
      .all(topic, partition, fromOffset, maxCount)
      .map(toMessage);
  }

  /** Moves the group's offset forward (never back) and forgets failures before it. */
  commit(group: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    return this.database.write(() => this.commitIn(group, topic, partition, nextOffset));
  }

  /** Counts a failed delivery; at `maxAttempts` dead-letters the message and commits past it. */
  fail(group: string, message: Message, error: string, maxAttempts: number): Promise<FailureOutcome> {
    return this.database.write(() => {
      const row = this.statements
        .get(
          `INSERT INTO delivery_failures (group_id, topic, partition, offset, attempts, last_error)
           VALUES (?, ?, ?, ?, 1, ?)
           ON CONFLICT (group_id, topic, partition, offset)
           DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error
           RETURNING attempts`,
        )
        .get(group, message.topic, message.partition, message.offset, error);
      const attempts = row!.attempts as number;
      if (attempts < maxAttempts) return { attempts, deadLettered: false };
      this.append(deadLetterTopic(message.topic), [
        {
          key: message.key,
          id: `${group}:${message.id}`,
          value: message.value,
          headers: {
            ...message.headers,
            [DeadLetterHeaders.error]: error,
            [DeadLetterHeaders.attempts]: String(attempts),
            [DeadLetterHeaders.group]: group,
            [DeadLetterHeaders.topic]: message.topic,
            [DeadLetterHeaders.partition]: String(message.partition),
            [DeadLetterHeaders.offset]: String(message.offset),
          },
        },
      ]);
      this.commitIn(group, message.topic, message.partition, message.offset + 1);
      return { attempts, deadLettered: true };
    });
  }

  /** Takes or renews the group's lease on a topic unless another live owner holds it. */
  async acquireLease(group: string, topic: string, owner: string, leaseMs: number): Promise<boolean> {
    const select = 'SELECT owner, expires_at FROM consumer_leases WHERE group_id = ? AND topic = ?';
    const current = this.statements.get(select).get(group, topic);
    if (current && current.owner !== owner && (current.expires_at as number) > Date.now()) return false;
    return this.database.write(() => {
      const now = Date.now();
      this.statements
        .get(
          `INSERT INTO consumer_leases (group_id, topic, owner, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (group_id, topic) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE consumer_leases.owner = excluded.owner OR consumer_leases.expires_at <= ?`,
        )
        .run(group, topic, owner, now + leaseMs, now);
      return this.statements.get(select).get(group, topic)?.owner === owner;
    });
  }

  releaseLease(group: string, topic: string, owner: string): Promise<void> {
    return this.database.write(() => {
      this.statements
        .get('DELETE FROM consumer_leases WHERE group_id = ? AND topic = ? AND owner = ?')
        .run(group, topic, owner);
    });
  }

  private commitIn(group: string, topic: string, partition: number, nextOffset: number): void {
    this.statements
      .get(
        `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)`,
      )
      .run(group, topic, partition, nextOffset);
    this.statements
      .get('DELETE FROM delivery_failures WHERE group_id = ? AND topic = ? AND partition = ? AND offset < ?')
      .run(group, topic, partition, nextOffset);
  }
}
