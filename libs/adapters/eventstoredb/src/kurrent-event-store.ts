import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Direction,
  type Filter,
  type KurrentDBClient,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
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
  assertExpectedRevision,
} from '@kesu/ports';
import { isInLog, serverFilterFor } from './all-filter';
import {
  appendResultOf,
  headRevisionOf,
  retriesOnConflict,
  storedAlready,
  streamStateFor,
  wrongExpectedRevisionFrom,
} from './append-rules';
import {
  DEFAULT_CHECKPOINT_PREFIX,
  checkpointEvent,
  checkpointFrom,
  checkpointStreamOf,
} from './checkpoints';
import { recordedFrom, toEventData } from './envelope-metadata';
import { KurrentSubscription, type SubscriptionSource } from './kurrent-subscription';
import { comparePositions, readPositionAfter } from './positions';
import { type LogFeed, ReadableFeed } from './readable-feed';

/** How `connectKurrentEventStore` (or a test) configures the event store. */
export interface KurrentEventStoreOptions {
  /** Stamps `recordedAt` (default: the system clock). */
  readonly clock?: Clock;
  /** Checkpoint streams are named `<checkpointPrefix>-<subscription name>` (default `kesu-checkpoint`). */
  readonly checkpointPrefix?: string;
}

/** How many events before a retried append's length are searched for its first event id. */
const IDEMPOTENCY_WINDOW = 64;
/** How often an append expecting `any` or `stream_exists` is sealed again after losing a race. */
const MAX_APPEND_ATTEMPTS = 5;
/** The largest page of one read of $all. */
const MAX_PAGE = 500;
/** The page of the backwards read that looks for the head of the log. */
const HEAD_PAGE = 32;
/** How long a subscription batch waits for more events after its first one (ms). */
const BATCH_LINGER_MS = 10;

/**
 * The event store on KurrentDB (or EventStoreDB 22.10+), through the official client: one stream per
 * aggregate, the server's optimistic concurrency on revisions, its $all log for the global order,
 * its `$by_correlation_id` projection for correlation reads and its catch-up subscriptions with
 * checkpoints stored in the server. The envelope travels in each event's metadata; the hash chain
 * is sealed here, onto the stream's last event as read just before the append, and the append
 * expects exactly that revision, so a chain never forks.
 */
export class KurrentEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly checkpointPrefix: string;
  private readonly subscriptions = new Set<KurrentSubscription>();
  /** Checkpoint streams whose metadata (maxCount 1) this store has seen set. */
  private readonly checkpointStreamsReady = new Set<string>();
  private closed = false;

  private readonly subscriptionSource: SubscriptionSource = {
    loadCheckpoint: (name) => this.checkpoint(name),
    saveCheckpoint: (name, position) => this.saveCheckpoint(name, position),
    open: (after, filter, batchSize) => this.openFeed(after, filter, batchSize),
  };

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.checkpointPrefix = options.checkpointPrefix ?? DEFAULT_CHECKPOINT_PREFIX;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) return this.checkOnly(streamId, expected);
    for (let attempt = 1; ; attempt++) {
      const tail = await this.readTail(streamId, events.length + IDEMPOTENCY_WINDOW);
      const stored = storedAlready(streamId, events, expected, tail);
      if (stored) return stored;
      try {
        return await this.append(streamId, events, expected, tail);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (retriesOnConflict(expected) && attempt < MAX_APPEND_ATTEMPTS) continue;
        throw wrongExpectedRevisionFrom(streamId, expected, error.actualState);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readEvents(streamId, options, false);
  }

  /**
   * A stream's events; from the leader when `fromLeader`, for the reads an append rests on (its
   * tail, the expectation check, the read-back): a follower may not hold the latest append yet.
   */
  private async readEvents(
    streamId: string,
    options: ReadStreamOptions,
    fromLeader: boolean,
  ): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision;
    if (maxCount <= 0 || (backwards && from !== undefined && from < 0)) return [];
    const fromRevision: ReadRevision =
      from === undefined ? (backwards ? END : START) : BigInt(Math.max(0, Math.floor(from)));
    const resolved = await this.readRecords(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision,
      maxCount,
      requiresLeader: fromLeader,
    });
    return resolved.map((entry) => ownEvent(entry, streamId));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.fromPosition ?? 0;
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return [];
    const filter = serverFilterFor(options.filter, this.checkpointPrefix);
    // One more than asked: the page starts with the event at `after`, which is dropped.
    const pageSize = Math.max(2, Math.min(MAX_PAGE, limit + 1));
    const events: RecordedEvent[] = [];
    for await (const resolved of this.scanAll(readPositionAfter(after), FORWARDS, filter, pageSize)) {
      const event = this.fromLog(resolved, options.filter);
      if (!event || event.globalPosition <= after) continue;
      if (events.push(event) >= limit) break;
    }
    return events;
  }

  /**
   * Reads the `$bc-<correlationId>` stream of the server's `$by_correlation_id` projection (which
   * must be running: KurrentDB with projections, `RunProjections=All`/`System` and the standard
   * projections started), resolving its links to the events. The projection links events
   * asynchronously, so an event appended a moment ago may not be there yet.
   */
  async readByCorrelationId(correlationId: string): Promise<RecordedEvent[]> {
    const links = await this.readRecords(`$bc-${correlationId}`, { resolveLinkTos: true });
    const events = new Map<number, RecordedEvent>();
    for (const { event: record } of links) {
      // A link whose event was deleted resolves to nothing.
      if (!record || !isInLog(record, undefined, this.checkpointPrefix)) continue;
      const event = recordedFrom(record);
      if (event) events.set(event.globalPosition, event);
    }
    return [...events.values()].sort((a, b) => a.globalPosition - b.globalPosition);
  }

  async headPosition(): Promise<number> {
    const filter = serverFilterFor(undefined, this.checkpointPrefix);
    for await (const resolved of this.scanAll(END, BACKWARDS, filter, HEAD_PAGE)) {
      const event = this.fromLog(resolved, undefined);
      if (event) return event.globalPosition;
    }
    return 0;
  }

  async checkpoint(name: string): Promise<number> {
    const [last] = await this.readRecords(checkpointStreamOf(this.checkpointPrefix, name), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    return checkpointFrom(last?.event?.data);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new KurrentSubscription(this.subscriptionSource, options);
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  /** Stops every subscription (each after its batch in progress), then disposes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /** An empty append: checks the expectation against the stream's head and writes nothing. */
  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [head] = await this.readEvents(streamId, { direction: 'backwards', maxCount: 1 }, true);
    const revision = head?.revision ?? -1;
    assertExpectedRevision(streamId, expected, revision);
    return { nextExpectedRevision: revision, position: head?.globalPosition ?? 0, events: [] };
  }

  /** Seals the events onto the stream's head (the end of `tail`) and appends expecting exactly that head. */
  private async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    tail: readonly RecordedEvent[],
  ): Promise<AppendResult> {
    const headRevision = headRevisionOf(tail);
    assertExpectedRevision(streamId, expected, headRevision);
    const headHash = tail[tail.length - 1]?.hash ?? GENESIS_HASH;
    const recordedAt = this.clock.now().toISOString();
    const sealed = sealEvents(streamId, headRevision, headHash, events, recordedAt);
    const result = await this.client.appendToStream(streamId, sealed.map(toEventData), {
      streamState: streamStateFor(expected, headRevision),
    });
    return this.readBack(streamId, Number(result.nextExpectedRevision), events);
  }

  /**
   * The appended events as stored: an append reports only the last event's position, and the
   * port returns each event's. Reading them back also returns the stored events when the server
   * recognised the append as a retry of one it already holds.
   */
  private async readBack(
    streamId: string,
    lastRevision: number,
    events: readonly NewEvent[],
  ): Promise<AppendResult> {
    const stored = await this.readEvents(
      streamId,
      { fromRevision: lastRevision - events.length + 1, maxCount: events.length },
      true,
    );
    if (stored.length !== events.length || stored.some((event, i) => event.eventId !== events[i]!.eventId)) {
      throw new Error(`the append to stream ${streamId} did not store the events sent`);
    }
    return appendResultOf(stored);
  }

  /** The last `count` events of a stream, in revision order. */
  private async readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    return (await this.readEvents(streamId, { direction: 'backwards', maxCount: count }, true)).reverse();
  }

  /** A stream's events as the client reads them; [] when the stream does not exist. */
  private async readRecords(
    streamName: string,
    options: Parameters<KurrentDBClient['readStream']>[1],
  ): Promise<ResolvedEvent[]> {
    const resolved: ResolvedEvent[] = [];
    try {
      for await (const entry of this.client.readStream(streamName, options)) resolved.push(entry);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return resolved;
  }

  /**
   * $all from `start`, page by page (one server read each, `pageSize` events): a read of the whole
   * log in one call would keep the server busy for as long as the caller takes. Each page starts at
   * the last entry of the one before; a forward page repeats that entry, and it is skipped.
   */
  private async *scanAll(
    start: ReadPosition,
    direction: Direction,
    filter: Filter,
    pageSize: number,
  ): AsyncGenerator<AllStreamResolvedEvent> {
    let from = start;
    let last: Position | undefined;
    for (;;) {
      let read = 0;
      let advanced = false;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        direction,
        maxCount: pageSize,
        filter,
      })) {
        read++;
        const position = resolved.event?.position;
        if (position && last && !isBeyond(position, last, direction)) continue;
        if (position) [last, advanced] = [position, true];
        yield resolved;
      }
      if (read < pageSize || !advanced || !last) return;
      from = last;
    }
  }

  /** An event of $all as an event of the log matching `filter`; undefined for every other event. */
  private fromLog(
    resolved: AllStreamResolvedEvent,
    filter: AllFilter | undefined,
  ): RecordedEvent | undefined {
    const record = resolved.event;
    if (!record || !isInLog(record, filter, this.checkpointPrefix)) return undefined;
    return recordedFrom(record, resolved.commitPosition);
  }

  /** A live feed of the log after `after` for a subscription, on the server's catch-up subscription to $all. */
  private openFeed(after: number, filter: AllFilter | undefined, batchSize: number): LogFeed {
    const subscription = this.client.subscribeToAll(
      { fromPosition: readPositionAfter(after), filter: serverFilterFor(filter, this.checkpointPrefix) },
      { highWaterMark: batchSize },
    );
    const convert = (resolved: AllStreamResolvedEvent): RecordedEvent | undefined => {
      const event = this.fromLog(resolved, filter);
      // The server may start with the event at the checkpoint itself.
      return event && event.globalPosition > after ? event : undefined;
    };
    return new ReadableFeed(subscription, convert, {
      highWaterMark: batchSize,
      lingerMs: BATCH_LINGER_MS,
      close: () => subscription.unsubscribe(),
    });
  }

  /** Deletes the subscription's checkpoint stream (soft: appending again would bring it back). */
  async forgetSubscription(name: string): Promise<void> {
    const stream = checkpointStreamOf(this.checkpointPrefix, name);
    this.checkpointStreamsReady.delete(stream);
    await this.client.deleteStream(stream).catch((error: unknown) => {
      if (!isStreamNotFound(error)) throw error;
    });
  }

  /** Appends the checkpoint to its stream, first making the stream keep only its latest event. */
  private async saveCheckpoint(name: string, position: number): Promise<void> {
    const stream = checkpointStreamOf(this.checkpointPrefix, name);
    if (!this.checkpointStreamsReady.has(stream)) {
      const { metadata } = await this.client.getStreamMetadata(stream);
      if (metadata?.maxCount !== 1) await this.client.setStreamMetadata(stream, { ...metadata, maxCount: 1 });
      this.checkpointStreamsReady.add(stream);
    }
    await this.client.appendToStream(stream, checkpointEvent(position), { streamState: ANY });
  }
}

/** A read event of the stream `streamId`, which must carry the Kesu envelope. */
function ownEvent(resolved: ResolvedEvent, streamId: string): RecordedEvent {
  const event = resolved.event && recordedFrom(resolved.event, resolved.commitPosition);
  if (!event) {
    const revision = resolved.event?.revision ?? resolved.link?.revision;
    throw new Error(`event ${revision} of stream ${streamId} was not written by the Kesu event store`);
  }
  return event;
}

function isBeyond(position: Position, last: Position, direction: Direction): boolean {
  const order = comparePositions(position, last);
  return direction === FORWARDS ? order > 0 : order < 0;
}

// Checked by class and by type tag, in case a second copy of the client was loaded.
function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (error instanceof Error && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION)
  );
}

function isStreamNotFound(error: unknown): boolean {
  return (
    error instanceof StreamNotFoundError ||
    (error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND)
  );
}
