import { EventHeaders, topicForCategory } from '@kesu/kernel';
import { Inject, Injectable } from '@nestjs/common';
import {
  DeadLetterHeaders,
  deadLetterTopic,
  decodeCursor,
  encodeCursor,
  type CursorPosition,
  type Message,
  type MessageLog,
} from '@kesu/ports';
import { InvalidInputError } from '@kesu/kernel';
import { MESSAGE_LOG } from './tokens';

/** The topics the services publish (contracts/events/catalog.json): the ones whose dead letters are listed. */
export const PUBLISHED_TOPICS: readonly string[] = [
  'intake',
  'classification',
  'followup',
  'assignment',
  'sla',
  'analytics',
].map(topicForCategory);

/**
 * A message a consumer group gave up on, as operators see it: where it was, which event it held
 * and why it failed, never the event's data (it may hold personal data).
 */
export interface DeadLetterView {
  /** The topic, partition and offset of the message that failed. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly eventId?: string;
  readonly type?: string;
  readonly schemaVersion?: number;
  readonly error: string;
  readonly attempts: number;
  readonly group: string;
  /** When it was dead-lettered. */
  readonly failedAt: string;
}

export interface DeadLetterPage {
  readonly items: DeadLetterView[];
  readonly nextCursor: string | null;
}

/** Messages read from a dead-letter topic for one page, at most, whatever the tenant filter keeps. */
const MAX_SCANNED = 1_000;

/** Where a page starts: a partition of the dead-letter topic and an offset in it. */
interface Position {
  readonly partition: number;
  readonly offset: number;
}

/**
 * The dead letters of a topic, read from its dead-letter topic (`<topic>.dlq`) partition by
 * partition in offset order; only the caller's tenant's (by the `x-tenant-id` header the relay
 * sets, or the envelope's `tenantId`), so a message that names no tenant is not listed.
 */
@Injectable()
export class DeadLetters {
  constructor(@Inject(MESSAGE_LOG) private readonly log: MessageLog) {}

  async list(
    topic: string,
    tenantId: string,
    page: { cursor?: string; limit: number },
  ): Promise<DeadLetterPage> {
    const dlq = deadLetterTopic(topic);
    const partitions = (await this.log.offsets('platform.dead-letters', dlq)).sort(
      (a, b) => a.partition - b.partition,
    );
    const start = page.cursor === undefined ? { partition: 0, offset: 0 } : decode(page.cursor);
    const items: DeadLetterView[] = [];
    let scanned = 0;
    for (const { partition, end } of partitions) {
      if (partition < start.partition) continue;
      let offset = partition === start.partition ? start.offset : 0;
      while (offset < end) {
        if (items.length === page.limit || scanned >= MAX_SCANNED) {
          return { items, nextCursor: encode({ partition, offset }) };
        }
        const messages = await this.log.read(dlq, { partition, fromOffset: offset, maxCount: page.limit });
        if (messages.length === 0) break;
        for (const message of messages.slice(0, page.limit - items.length)) {
          scanned++;
          offset = message.offset + 1;
          if (tenantOf(message) === tenantId) items.push(view(message));
        }
      }
    }
    return { items, nextCursor: null };
  }
}

function view(message: Message): DeadLetterView {
  const { headers } = message;
  const value: Record<string, unknown> = isRecord(message.value) ? message.value : {};
  const eventId = value.eventId;
  const type = value.type ?? headers[EventHeaders.type];
  const schemaVersion = value.schemaVersion ?? Number(headers[EventHeaders.schemaVersion]);
  return {
    topic: headers[DeadLetterHeaders.topic] ?? message.topic,
    partition: count(headers[DeadLetterHeaders.partition]) ?? message.partition,
    offset: count(headers[DeadLetterHeaders.offset]) ?? message.offset,
    key: message.key,
    ...(typeof eventId === 'string' && { eventId }),
    ...(typeof type === 'string' && { type }),
    ...(Number.isInteger(schemaVersion) && { schemaVersion: schemaVersion as number }),
    error: headers[DeadLetterHeaders.error] ?? '',
    attempts: count(headers[DeadLetterHeaders.attempts]) ?? 0,
    group: headers[DeadLetterHeaders.group] ?? '',
    failedAt: message.timestamp,
  };
}

function tenantOf(message: Message): string | undefined {
  const header = message.headers[EventHeaders.tenantId];
  if (header !== undefined) return header;
  const tenantId = isRecord(message.value) ? message.value.tenantId : undefined;
  return typeof tenantId === 'string' ? tenantId : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function count(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The position as a cursor of the document store's kind, so the edge checks every list's cursor alike. */
const encode = (position: Position): string => encodeCursor(position.partition, String(position.offset));

function decode(cursor: string): Position {
  const [partition, offset] = positionOf(cursor) ?? [];
  if (!Number.isSafeInteger(partition) || (partition as number) < 0 || !/^\d{1,15}$/.test(offset ?? ''))
    throw new InvalidInputError([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
  return { partition: partition as number, offset: Number(offset) };
}

function positionOf(cursor: string): CursorPosition | undefined {
  try {
    return decodeCursor(cursor);
  } catch {
    return undefined;
  }
}
