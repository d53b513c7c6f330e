import { DeadLetterHeaders, isUndeliverable, type Message, type OutgoingMessage } from '@kesu/ports';

/** Longest error text kept in a dead letter's header: a stack is enough to find the fault, not a dump. */
export const MAX_ERROR_TEXT = 4_000;

/** Why and where a message failed. */
export interface DeliveryFailure {
  readonly group: string;
  readonly error: unknown;
  readonly attempts: number;
}

/**
 * The copy of a message for its dead-letter topic: same key and value, the original headers, and
 * where it came from and why it failed. Its id is per group, so two groups that both give up on a
 * message each leave their own dead letter, as the embedded log does.
 */
export function deadLetterMessage(message: Message, failure: DeliveryFailure): OutgoingMessage {
  return {
    key: message.key,
    id: `${failure.group}:${message.id}`,
    value: message.value,
    headers: {
      ...message.headers,
      [DeadLetterHeaders.error]: errorText(failure.error),
      [DeadLetterHeaders.attempts]: String(failure.attempts),
      [DeadLetterHeaders.group]: failure.group,
      [DeadLetterHeaders.topic]: message.topic,
      [DeadLetterHeaders.partition]: String(message.partition),
      [DeadLetterHeaders.offset]: String(message.offset),
    },
  };
}

/**
 * The error's message and stack, cut to `limit` characters; only the reason of an undeliverable
 * message, whose stack says nothing about the message.
 */
export function errorText(error: unknown, limit = MAX_ERROR_TEXT): string {
  return truncate(describe(error), limit);
}

function describe(error: unknown): string {
  if (isUndeliverable(error)) return error.message;
  if (error instanceof Error) {
    const stack = error.stack ?? '';
    // V8's stack starts with "Name: message", but a stack can be replaced or lose its first line.
    return stack.includes(error.message) ? stack : `${error.name}: ${error.message}\n${stack}`.trimEnd();
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

const TRUNCATED = '… (truncated)';

function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - TRUNCATED.length);
  // Never split a surrogate pair: half a character is not valid UTF-8 on the wire.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end) + TRUNCATED;
}
