import { jsonEvent, type EventData } from '@kurrent/kurrentdb-client';

/** The event type of a stored subscription checkpoint. */
export const CHECKPOINT_EVENT_TYPE = 'KesuSubscriptionCheckpoint';

/** The default first part of checkpoint stream names. */
export const DEFAULT_CHECKPOINT_PREFIX = 'kesu-checkpoint';

/**
 * The stream holding the checkpoint of the durable subscription `name`: one stream per
 * subscription, its metadata keeping only the latest event (maxCount 1), so the server holds
 * exactly the current checkpoint and scavenges the rest.
 */
export function checkpointStreamOf(checkpointPrefix: string, name: string): string {
  return `${checkpointStreamPrefix(checkpointPrefix)}${name}`;
}

/** What every checkpoint stream name starts with, for keeping them out of the log. */
export function checkpointStreamPrefix(checkpointPrefix: string): string {
  return `${checkpointPrefix}-`;
}

/** The event storing a checkpoint: the global position up to which the subscription handled the log. */
export function checkpointEvent(position: number): EventData {
  return jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position } });
}

/** The position stored in a checkpoint event's data (0 without an event). */
export function checkpointFrom(data: unknown): number {
  if (data === undefined) return 0;
  const position =
    typeof data === 'object' && data !== null ? (data as { position?: unknown }).position : undefined;
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new Error(`a checkpoint event holds no position: ${JSON.stringify(data)}`);
  }
  return position;
}
