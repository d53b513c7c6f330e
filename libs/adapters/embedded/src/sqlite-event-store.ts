import type { StatementSync } from 'node:sqlite';
import { GENESIS_HASH, sealEvents, type NewEvent, type RecordedEvent } from '@kesu/kernel';
import {
  type AllFilter,
  type AppendResult,
  type Clock,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
  type SubscriptionOptions,
  SystemClock,
  WrongExpectedRevisionError,
  assertExpectedRevision,
} from '@kesu/ports';
import type { EmbeddedDatabase } from './database';
import {
  EVENT_STORE_SCHEMA,
  type EventRow,
  type EventStatements,
  prepareStatements,
  readAllQuery,
  recordedFrom,
  toParams,
  toRecorded,
} from './sqlite-event-schema';
import { type Batch, SqliteSubscription, type SubscriptionSource } from './sqlite-subscription';

/** How `createEmbeddedStorage` (or a test) configures the event store. */
export interface SqliteEventStoreOptions {
  /** Stamps `recordedAt` (default: the system clock). */
  readonly clock?: Clock;
  /** How often subscriptions look for events appended by other processes (ms, default 50). */
  readonly pollIntervalMs?: number;
}

const NO_LIMIT = -1;
const END = Number.MAX_SAFE_INTEGER;

/**
 * The event store on the embedded SQLite file, with EventStoreDB semantics. Appends join the
 * database's group commit; the stream head is read and checked inside that transaction, so
 * concurrent writers (in this process or another) never both win.
 */
export class SqliteEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly statements: EventStatements;
  private readonly readAllStatements = new Map<string, StatementSync>();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;

  constructor(
    private readonly database: EmbeddedDatabase,
    options: SqliteEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    database.migrate(EVENT_STORE_SCHEMA);
    this.statements = prepareStatements(database.db);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) {
      const revision = this.checkExpected(streamId, expected);
      const position = revision < 0 ? 0 : this.positionOf(streamId, revision);
      return { nextExpectedRevision: revision, position, events: [] };
    }
    return this.database.write(
      () => this.storedAlready(streamId, events, expected) ?? this.append(streamId, events, expected),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? END, limit)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, limit);
    return (rows as unknown as EventRow[]).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAfter(options.fromPosition ?? 0, END, options.filter, options.maxCount ?? NO_LIMIT);
  }

  async readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    return (this.statements.byCorrelation.all(correlationId) as unknown as EventRow[]).map(toRecorded);
  }

  async headPosition(): Promise<number> {
    return this.currentHead();
  }

  async checkpoint(name: string): Promise<number> {
    return this.loadCheckpoint(name);
  }

  async forgetSubscription(name: string): Promise<void> {
    await this.database.write((db) =>
      db.prepare('DELETE FROM subscription_checkpoints WHERE name = ?').run(name),
    );
  }

  subscribe(options: SubscriptionOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const source: SubscriptionSource = {
      commits: this.database.events,
      pollIntervalMs: this.pollIntervalMs,
      loadCheckpoint: (name) => this.loadCheckpoint(name),
      readBatch: (after, filter, maxCount) => this.readBatch(after, filter, maxCount),
      saveCheckpoint: (name, position) =>
        this.database.write(() => void this.statements.setCheckpoint.run(name, position)),
    };
    const subscription = new SqliteSubscription(source, options);
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  /** Stops every subscription (each after its batch in progress); the database stays open. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
  }

  /** The stored events when these event ids are already the stream's, in order (an idempotent retry). */
  private storedAlready(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0]!.eventId) as
      { stream_id: string; revision: number } | undefined;
    if (!first) return undefined;
    if (first.stream_id !== streamId)
      throw new Error(`event ${events[0]!.eventId} is stored in stream ${first.stream_id}`);
    const rows = this.statements.forwards.all(
      streamId,
      first.revision,
      events.length,
    ) as unknown as EventRow[];
    if (rows.length !== events.length || rows.some((row, i) => row.event_id !== events[i]!.eventId)) {
      throw new WrongExpectedRevisionError(streamId, expected, this.headOf(streamId).revision);
    }
    const stored = rows.map(toRecorded);
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.globalPosition, events: stored };
  }

  private append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const head = this.headOf(streamId);
    this.checkExpected(streamId, expected, head.revision);
    const recordedAt = this.clock.now().toISOString();
    const sealed = sealEvents(streamId, head.revision, head.hash, events, recordedAt);
    const recorded = sealed.map((event) =>
      recordedFrom(event, Number(this.statements.insert.run(...toParams(event)).lastInsertRowid)),
    );
    const last = recorded[recorded.length - 1]!;
    this.statements.setHead.run(streamId, last.revision, last.hash);
    return { nextExpectedRevision: last.revision, position: last.globalPosition, events: recorded };
  }

  private headOf(streamId: string): { revision: number; hash: string } {
    const row = this.statements.head.get(streamId) as { revision: number; head_hash: string } | undefined;
    return row ? { revision: row.revision, hash: row.head_hash } : { revision: -1, hash: GENESIS_HASH };
  }

  /** Throws unless the stream is as expected; returns its revision (-1: no stream). */
  private checkExpected(
    streamId: string,
    expected: ExpectedRevision,
    revision = this.headOf(streamId).revision,
  ): number {
    assertExpectedRevision(streamId, expected, revision);
    return revision;
  }

  private positionOf(streamId: string, revision: number): number {
    return (this.statements.positionOf.get(streamId, revision) as { global_position: number })
      .global_position;
  }

  private currentHead(): number {
    return (this.statements.headPosition.get() as { head: number }).head;
  }

  private loadCheckpoint(name: string): number {
    return (this.statements.checkpoint.get(name) as { position: number } | undefined)?.position ?? 0;
  }

  private readAfter(
    after: number,
    upTo: number,
    filter: AllFilter | undefined,
    limit: number,
  ): RecordedEvent[] {
    const { sql, params } = readAllQuery(filter);
    let statement = this.readAllStatements.get(sql);
    if (!statement) this.readAllStatements.set(sql, (statement = this.database.db.prepare(sql)));
    return (statement.all(after, upTo, ...params, limit) as unknown as EventRow[]).map(toRecorded);
  }

  /** Filtered events after `after` up to the current head; a short batch means everything up to the head was scanned. */
  private readBatch(after: number, filter: AllFilter | undefined, maxCount: number): Batch {
    const head = this.currentHead();
    const events = this.readAfter(after, head, filter, maxCount);
    const scannedTo = events.length < maxCount ? head : events[events.length - 1]!.globalPosition;
    return { events, scannedTo: Math.max(scannedTo, after) };
  }
}
