import type {
  Decider,
  DomainEvent,
  EventMetadata,
  EventTypeRegistry,
  NewEvent,
  RecordedEvent,
} from '@kesu/kernel';
import { fold } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import { type EventStore, StaleRevisionError, WrongExpectedRevisionError } from './event-store';

/** Envelope fields of the events a command produces, except their ids. */
export type CommandMetadata = Omit<EventMetadata, 'eventId'>;

/** A stream's state as the caller holds it: folded up to `revision` (-1: from no event). */
export interface KnownState<State> {
  readonly state: State;
  readonly revision: number;
  /** The global position of the event at `revision`, when known. */
  readonly position?: number;
}

export interface HandleCommandOptions<Event extends DomainEvent = DomainEvent, State = unknown> {
  /**
   * The revision the caller decided on (HTTP If-Match): when the stream is elsewhere, before or at
   * the append, the command fails with StaleRevisionError and is never retried.
   */
  readonly expectedRevision?: number;
  /** Attempts on a concurrency conflict when no revision was given (default 3). */
  readonly maxAttempts?: number;
  /**
   * Decide on this state (e.g. a read model's document) instead of reading the stream: the command
   * is decided and appended at its revision at once, and a conflict reads only the events after it,
   * so a long stream costs no more than a short one. A repeat is then not recognised by its
   * causation id (the events before `from` are not read): give the events ids that make it append
   * nothing (`envelopeOf`), as the store keeps an event id once per stream.
   */
  readonly from?: KnownState<State>;
  /**
   * The id and causation id of each event decided, where they are the caller's (an id derived from
   * what the event records, so that appending it again finds it stored; the cause of each event of
   * a batch); by default a new UUID v7 and the metadata's causation id.
   */
  readonly envelopeOf?: (event: Event) => Partial<Pick<EventMetadata, 'eventId' | 'causationId'>>;
}

export interface CommandResult<State> {
  readonly state: State;
  readonly events: readonly RecordedEvent[];
  /** The stream's revision after the command (-1: the stream does not exist). */
  readonly revision: number;
  /** The global position of the event at `revision`, when known (0: no event). */
  readonly position?: number;
  /**
   * True when the command had already been handled and nothing was appended: its causation id is in
   * the stream, or the store held its events' ids already (`events` are those stored before).
   */
  readonly replayed: boolean;
}

/**
 * Loads the stream (or starts `from` a state the caller holds), decides, and appends with the
 * expected revision. On a conflict (another writer got there first) it catches up and decides
 * again, a bounded number of times. A command whose causation id is already in the stream is
 * answered from the stored events, so a retried request never appends twice.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  registry: EventTypeRegistry,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: CommandMetadata,
  options: HandleCommandOptions<Event, State> = {},
): Promise<CommandResult<State>> {
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? 3) : 1;
  const toDomain = (events: readonly RecordedEvent[]) => events.map((e) => registry.toDomain<Event>(e));
  /** The state after the stream's events beyond `known`. */
  const catchUp = async (known: KnownState<State>): Promise<KnownState<State>> => {
    const newer = await store.readStream(streamId, { fromRevision: known.revision + 1 });
    if (newer.length === 0) return known;
    const last = newer[newer.length - 1]!;
    const state = toDomain(newer).reduce(decider.evolve, known.state);
    return { state, revision: last.revision, position: last.globalPosition };
  };
  let known = options.from;
  for (let attempt = 1; ; attempt++) {
    if (!known) {
      const stored = await store.readStream(streamId);
      const earlier = stored.filter((e) => e.causationId === metadata.causationId);
      known = {
        state: fold(decider, toDomain(stored)),
        revision: stored.length - 1,
        position: stored.at(-1)?.globalPosition ?? 0,
      };
      if (earlier.length > 0) return { ...known, events: earlier, replayed: true };
    }
    const { state, revision } = known;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new StaleRevisionError(streamId, options.expectedRevision, revision < 0 ? 'no_stream' : revision);
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { ...known, events: [], replayed: false };
    const events: NewEvent[] = decided.map((event) => ({
      ...metadata,
      eventId: uuidv7(),
      ...options.envelopeOf?.(event),
      type: event.type,
      schemaVersion: registry.currentVersion(event.type),
      data: event.data,
    }));
    try {
      const result = await store.appendToStream(streamId, events, revision < 0 ? 'no_stream' : revision);
      // stored before under the same ids, elsewhere in the stream: the stream tells the state (right
      // after `revision`, they are what this append would have been, and count as appended)
      if (result.events[0]!.revision !== revision + 1)
        return { ...(await catchUp(known)), events: result.events, replayed: true };
      return {
        state: toDomain(result.events).reduce(decider.evolve, state),
        events: result.events,
        revision: result.nextExpectedRevision,
        position: result.position,
        replayed: false,
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && options.expectedRevision !== undefined)
        throw new StaleRevisionError(streamId, options.expectedRevision, error.actual);
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
      known = options.from ? await catchUp(known) : undefined;
    }
  }
}
