import type { Message, OutgoingMessage } from '@kesu/ports';
import type { IHeaders, KafkaMessage, Message as KafkaRecord } from 'kafkajs';

/**
 * The header that carries a message's id. Kafka records have no id of their own (an offset names a
 * position, not a message), and the port's id must survive copies such as dead letters.
 */
export const MessageIdHeader = 'x-message-id';

/** The Kafka record of a message: keyed for partitioning, JSON value, the id among the headers. */
export function toKafkaRecord(message: OutgoingMessage, timestamp: Date): KafkaRecord {
  return {
    key: message.key,
    value: JSON.stringify(message.value ?? null),
    headers: { ...message.headers, [MessageIdHeader]: message.id },
    timestamp: String(timestamp.getTime()),
  };
}

/** Maps a fetched record back to the port's `Message`; the id header is taken out of the headers. */
export function fromKafkaRecord(topic: string, partition: number, record: KafkaMessage): Message {
  const { [MessageIdHeader]: id, ...headers } = decodeHeaders(record.headers);
  return {
    topic,
    partition,
    offset: Number(record.offset),
    key: record.key?.toString('utf8') ?? '',
    // A record from a producer other than this adapter has no id: its position is unique instead.
    id: id ?? `${topic}/${partition}/${record.offset}`,
    value: decodeValue(record.value),
    headers,
    timestamp: isoTimestamp(record.timestamp),
  };
}

/**
 * Header values as strings. Kafka allows a header name more than once (kafkajs then gives an array);
 * the port has one value per name, so the last one wins, as it would in a map.
 */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}

/**
 * The JSON value of a record. A record that is not JSON (written by another producer) reaches the
 * handler as its text rather than failing the whole batch, so the handler decides what it is.
 */
export function decodeValue(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Kafka timestamps are milliseconds since the epoch, as a string; -1 or garbage means none. */
export function isoTimestamp(millis: string): string {
  const time = Number(millis);
  return new Date(Number.isFinite(time) && time >= 0 ? time : 0).toISOString();
}
