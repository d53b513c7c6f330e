import { jsonEvent, type EventData, type JSONType, type Position } from '@kurrent/kurrentdb-client';
import type { Actor, RecordedEvent, SealedEvent } from '@kesu/kernel';
import { v5 as uuidv5 } from 'uuid';
import { globalPositionOf } from './positions';

/**
 * The envelope of a stored event, kept in the event's JSON metadata; the data is the event's data
 * and the type its type. The server's own fields give the stream, the revision and the position.
 * Correlation and causation use the server's names, so the `$by_correlation_id` system projection
 * indexes the events into `$bc-<correlationId>` streams.
 */
export interface EnvelopeMetadata {
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly actor: Actor;
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as the client reads it, in the fields this adapter uses. */
export interface StoredRecord {
  readonly streamId: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

/** Names the server's event ids of event ids that are not UUIDs (the server needs UUIDs). */
const EVENT_ID_NAMESPACE = '0d6c1a52-5c1e-4a57-9a43-3f2f1c1d7b0e';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event to append for a sealed event. */
export function toEventData(event: SealedEvent): EventData {
  if (event.data === undefined) throw new TypeError(`event ${event.eventId} has no JSON data`);
  return jsonEvent({
    id: serverEventId(event.eventId),
    type: event.type,
    // JSON events take any JSON value; the client's type names only objects, arrays and strings.
    data: event.data as JSONType,
    metadata: envelopeMetadataOf(event) as unknown as JSONType,
  });
}

/**
 * The server's id for an event: the event id itself when it is a UUID (the server then also
 * recognises a retried append), else a UUID derived from it. Reads take the id from the metadata.
 */
export function serverEventId(eventId: string): string {
  return UUID.test(eventId) ? eventId.toLowerCase() : uuidv5(eventId, EVENT_ID_NAMESPACE);
}

export function envelopeMetadataOf(event: SealedEvent): EnvelopeMetadata {
  return {
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    tenantId: event.tenantId,
    branchId: event.branchId,
    $correlationId: event.correlationId,
    $causationId: event.causationId,
    actor: event.actor,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/**
 * A stored event as the `RecordedEvent` it was appended as; undefined when the record carries no
 * Kesu envelope (an event some other writer put on the server). Throws when the server reports no
 * position for it: that needs KurrentDB or EventStoreDB 22.10 or later.
 */
export function recordedFrom(record: StoredRecord, commitPosition?: bigint): RecordedEvent | undefined {
  const envelope = record.isJson ? envelopeFrom(record.metadata) : undefined;
  if (!envelope) return undefined;
  const globalPosition = globalPositionOf(record.position, commitPosition);
  if (globalPosition === undefined) {
    throw new Error(
      `the server reported no log position for event ${record.revision} of stream ${record.streamId}` +
        ' (KurrentDB or EventStoreDB 22.10+ is needed)',
    );
  }
  return {
    eventId: envelope.eventId,
    type: record.type,
    schemaVersion: envelope.schemaVersion,
    streamId: record.streamId,
    revision: Number(record.revision),
    globalPosition,
    data: record.data,
    occurredAt: envelope.occurredAt,
    recordedAt: envelope.recordedAt,
    tenantId: envelope.tenantId,
    branchId: envelope.branchId,
    correlationId: envelope.$correlationId,
    causationId: envelope.$causationId,
    actor: envelope.actor,
    prevHash: envelope.prevHash,
    hash: envelope.hash,
  };
}

const STRING_FIELDS = [
  'eventId',
  'occurredAt',
  'recordedAt',
  'tenantId',
  'branchId',
  '$correlationId',
  '$causationId',
  'prevHash',
  'hash',
] as const;

/** The envelope in an event's metadata, or undefined when the metadata is not a complete envelope. */
export function envelopeFrom(metadata: unknown): EnvelopeMetadata | undefined {
  if (!isRecord(metadata)) return undefined;
  if (!STRING_FIELDS.every((field) => typeof metadata[field] === 'string')) return undefined;
  if (!Number.isInteger(metadata['schemaVersion']) || !isActor(metadata['actor'])) return undefined;
  return metadata as unknown as EnvelopeMetadata;
}

function isActor(value: unknown): value is Actor {
  if (!isRecord(value)) return false;
  const roles = value['roles'];
  return (
    (value['kind'] === 'user' || value['kind'] === 'service') &&
    typeof value['id'] === 'string' &&
    (roles === undefined || (Array.isArray(roles) && roles.every((role) => typeof role === 'string')))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}
