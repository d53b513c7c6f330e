import type { Message } from '@kesu/ports';
import type { SQLOutputValue } from 'node:sqlite';

/** Tables of the embedded message log: topics, partitioned messages, group offsets, failures and leases. */
export const messageLogSchema = `
CREATE TABLE IF NOT EXISTS message_topics (
  name TEXT PRIMARY KEY,
  partitions INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  key TEXT NOT NULL,
  id TEXT NOT NULL,
  value TEXT NOT NULL,
  headers TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  PRIMARY KEY (topic, partition, offset),
  UNIQUE (topic, id)
);
CREATE TABLE IF NOT EXISTS consumer_offsets (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
CREATE TABLE IF NOT EXISTS delivery_failures (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  PRIMARY KEY (group_id, topic, partition, offset)
);
CREATE TABLE IF NOT EXISTS consumer_leases (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic)
);
`;

/** Maps a `messages` row back to the port's `Message`. */
export function toMessage(row: Record<string, SQLOutputValue>): Message {
  return {
    topic: row.topic as string,
    partition: row.partition as number,
    offset: row.offset as number,
    key: row.key as string,
    id: row.id as string,
    value: JSON.parse(row.value as string),
    headers: JSON.parse(row.headers as string),
    timestamp: row.timestamp as string,
  };
}

/** FNV-1a (32 bit) of the key's UTF-8 bytes: one key always maps to the same partition. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
