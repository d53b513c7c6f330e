import type { NewEvent, RecordedEvent } from '@kesu/kernel';

/**
 * What an append expects of the stream, as EventStoreDB states it: a revision (0-based, the
 * revision of the stream's last event), `no_stream`, `stream_exists` or `any`.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** The global position of the last appended event. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/** Selects events of the global log, as EventStoreDB's server-side filters do. */
export interface AllFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this global position (0 = from the start). */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscriptionOptions {
  /** Durable name: the store keeps its checkpoint, so a restart resumes after the last handled event. */
  readonly name: string;
  readonly filter?: AllFilter;
  /** Called in global order; the checkpoint moves past an event only after its handler resolved. */
  readonly handler: (events: readonly RecordedEvent[]) => Promise<void>;
  readonly batchSize?: number;
  /** What to do when the handler throws: called with the error; the batch is retried after it. */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves after the batch in progress has been handled and checkpointed. */
  stop(): Promise<void>;
}

/**
 * An event store with EventStoreDB semantics: streams named `category-id` with optimistic
 * concurrency on revisions, one global log ($all) with increasing positions, reads by correlation
 * id, and durable checkpointed subscriptions. Appends are atomic and durable when they resolve.
 */
export interface EventStore {
  /**
   * Appends atomically, sealing each event into the stream's hash chain. Rejects with
   * WrongExpectedRevisionError when the stream is not as expected. Appending events whose ids are
   * already stored at the end of the stream is idempotent: it returns the stored events.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Every event carrying this correlation id, in global order. Distributed stores may index
   * correlation ids asynchronously, so an event appended moments ago may be missing here for a while.
   */
  readByCorrelationId(correlationId: string): Promise<RecordedEvent[]>;
  /** The position of the last event in the global log (0 when empty). */
  headPosition(): Promise<number>;
  subscribe(options: SubscriptionOptions): Subscription;
  /** The stored checkpoint of a durable subscription (0 when it never ran). */
  checkpoint(name: string): Promise<number>;
  /**
   * Forgets the checkpoint of a durable subscription no longer run (e.g. a retired build of a read
   * model): a subscription of that name would start from the beginning. Nothing when there is none.
   */
  forgetSubscription(name: string): Promise<void>;
}

/** The stream was not at the expected revision; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} expected at ${expected}, found ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * The caller decided on a revision that is no longer the current one (a stale HTTP `If-Match`):
 * someone changed the stream since; reload and decide again. Never retried.
 */
export class StaleRevisionError extends WrongExpectedRevisionError {
  constructor(streamId: string, expected: number, actual: number | 'no_stream') {
    super(streamId, expected, actual);
    this.name = 'StaleRevisionError';
    this.message = `${streamId} was expected at revision ${expected} but is at ${actual}; reload it and try again`;
  }
}

/** Throws WrongExpectedRevisionError unless a stream at `revision` (-1: no stream) is as expected. */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, revision: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && revision < 0) ||
    (expected === 'stream_exists' && revision >= 0) ||
    expected === revision;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, revision < 0 ? 'no_stream' : revision);
}
