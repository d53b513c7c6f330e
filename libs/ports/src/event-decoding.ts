import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Message, UndeliverableMessageError } from './message-log';

const STRING_FIELDS = ['eventId', 'type', 'streamId', 'tenantId', 'correlationId'] as const;
const COUNT_FIELDS = [
  ['schemaVersion', 1],
  ['revision', 0],
  ['globalPosition', 0],
] as const;

/**
 * The recorded event a message carries, upcast to the current version of its type in `events`.
 * Null for a type `events` does not hold: not this consumer's business, so the message is
 * committed and skipped. Throws `UndeliverableMessageError`, which sends the message to its
 * dead-letter topic with the reason, when the value is not a recorded-event envelope (naming what
 * is wrong) or its schema version is newer than `events` knows.
 */
export function decodeEvent(message: Message, events: EventTypeRegistry): RecordedEvent | null {
  const { value } = message;
  assertRecordedEvent(value);
  if (!events.has(value.type)) return null;
  const current = events.currentVersion(value.type);
  if (value.schemaVersion > current) {
    throw new UndeliverableMessageError(
      `${value.type} v${value.schemaVersion} is newer than this consumer knows (v${current})`,
    );
  }
  return events.upcast(value);
}

/** The decoded events of a batch of messages, without those `events` does not hold (see `decodeEvent`). */
export function decodeEvents(messages: readonly Message[], events: EventTypeRegistry): RecordedEvent[] {
  return messages.flatMap((message) => decodeEvent(message, events) ?? []);
}

function assertRecordedEvent(value: unknown): asserts value is RecordedEvent {
  if (!isRecord(value)) {
    throw new UndeliverableMessageError(
      `not a recorded event: the value is ${describe(value)}, not an object`,
    );
  }
  const wrong: string[] = [];
  for (const name of STRING_FIELDS) {
    if (typeof value[name] !== 'string') wrong.push(`${name} is ${describe(value[name])}, not a string`);
  }
  for (const [name, least] of COUNT_FIELDS) {
    const field = value[name];
    if (typeof field !== 'number' || !Number.isInteger(field) || field < least)
      wrong.push(`${name} is ${describe(field)}, not an integer ≥ ${least}`);
  }
  if (!('data' in value)) wrong.push('data is missing');
  if (wrong.length > 0) throw new UndeliverableMessageError(`not a recorded event: ${wrong.join('; ')}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short, data-free description of a field's value: its type, or the number itself. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  const kind = typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
