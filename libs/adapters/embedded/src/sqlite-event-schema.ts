import {
  canonicalJson,
  type Actor,
  type RecordedEvent,
  type SealedEvent,
  sealedFieldsOf,
} from '@kesu/kernel';
import type { DatabaseSync } from 'node:sqlite';
import type { AllFilter } from '@kesu/ports';

/** The event store's tables: the global log, stream heads and subscription checkpoints. */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  causation_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_correlation ON events (correlation_id, global_position);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  head_hash TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subscription_checkpoints (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** The columns of `events`, in insert order. */
const EVENT_COLUMNS = [
  'stream_id',
  'revision',
  'event_id',
  'type',
  'schema_version',
  'data',
  'occurred_at',
  'recorded_at',
  'tenant_id',
  'branch_id',
  'correlation_id',
  'causation_id',
  'actor',
  'prev_hash',
  'hash',
] as const;

/** The event store's statements, prepared once per connection. */
export function prepareStatements(db: DatabaseSync) {
  const placeholders = EVENT_COLUMNS.map(() => '?').join(', ');
  return {
    insert: db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${placeholders})`),
    head: db.prepare('SELECT revision, head_hash FROM streams WHERE stream_id = ?'),
    setHead: db.prepare(
      `INSERT INTO streams (stream_id, revision, head_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, head_hash = excluded.head_hash`,
    ),
    byEventId: db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    forwards: db.prepare(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    backwards: db.prepare(
      'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    ),
    positionOf: db.prepare('SELECT global_position FROM events WHERE stream_id = ? AND revision = ?'),
    byCorrelation: db.prepare('SELECT * FROM events WHERE correlation_id = ? ORDER BY global_position'),
    headPosition: db.prepare('SELECT COALESCE(MAX(global_position), 0) AS head FROM events'),
    checkpoint: db.prepare('SELECT position FROM subscription_checkpoints WHERE name = ?'),
    setCheckpoint: db.prepare(
      `INSERT INTO subscription_checkpoints (name, position) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    ),
  };
}

export type EventStatements = ReturnType<typeof prepareStatements>;

/** A row of `events` as node:sqlite returns it. */
export interface EventRow {
  readonly global_position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly tenant_id: string;
  readonly branch_id: string;
  readonly correlation_id: string;
  readonly causation_id: string;
  readonly actor: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The insert parameters of a sealed event, as canonical JSON where the column holds JSON. */
export function toParams(event: SealedEvent): Array<string | number> {
  return [
    event.streamId,
    event.revision,
    event.eventId,
    event.type,
    event.schemaVersion,
    canonicalJson(event.data),
    event.occurredAt,
    event.recordedAt,
    event.tenantId,
    event.branchId,
    event.correlationId,
    event.causationId,
    canonicalJson(event.actor),
    event.prevHash,
    event.hash,
  ];
}

/** A stored row as the `RecordedEvent` it was appended as. */
export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: row.global_position,
    data: JSON.parse(row.data) as unknown,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    tenantId: row.tenant_id,
    branchId: row.branch_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    actor: JSON.parse(row.actor) as Actor,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A sealed event with its position, holding exactly the fields a read returns. */
export function recordedFrom(event: SealedEvent, globalPosition: number): RecordedEvent {
  return { ...sealedFieldsOf(event), globalPosition };
}

/**
 * A read of the global log after a position and up to a bound, with the filter's conditions
 * (prefixes compared with `instr(…) = 1`, so no character in a prefix is special). Parameters:
 * after, upTo, then `params`, then the limit.
 */
export function readAllQuery(filter: AllFilter | undefined): { sql: string; params: string[] } {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  const conditions = ['global_position > ?', 'global_position <= ?'];
  if (prefixes.length > 0) conditions.push(`(${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`);
  if (types.length > 0) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
  return {
    sql: `SELECT * FROM events WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT ?`,
    params: [...prefixes, ...types],
  };
}
