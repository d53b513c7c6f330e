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

export interface HandleCommandOptions {
  /**
   * The revision the caller decided on (HTTP If-Match): when the stream is elsewhere, before or at
   * the append, the command fails with StaleRevisionError and is never retried.
   */
  readonly expectedRevision?: number;
  /** Attempts on a concurrency conflict when no revision was given (default 3). */
  readonly maxAttempts?: number;
}

export interface CommandResult<State> {
  readonly state: State;
  readonly events: readonly RecordedEvent[];
  /** The stream's revision after the command (-1: the stream does not exist). */
  readonly revision: number;
  /** True when the command had already been handled (same causation id) and nothing was appended. */
  readonly replayed: boolean;
}

/**
 * Loads the stream, decides, and appends with the expected revision. On a conflict (another writer
 * got there first) it reloads and decides again, a bounded number of times. A command whose
 * causation id is already in the stream is answered from the stored events, so a retried request
 * never appends twice.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  registry: EventTypeRegistry,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: CommandMetadata,
  options: HandleCommandOptions = {},
): Promise<CommandResult<State>> {
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? 3) : 1;
  for (let attempt = 1; ; attempt++) {
    const stored = await store.readStream(streamId);
    const revision = stored.length - 1;
    const state = fold(
      decider,
      stored.map((e) => registry.toDomain<Event>(e)),
    );
    const earlier = stored.filter((e) => e.causationId === metadata.causationId);
    if (earlier.length > 0) return { state, events: earlier, revision, replayed: true };
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new StaleRevisionError(streamId, options.expectedRevision, revision < 0 ? 'no_stream' : revision);
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { state, events: [], revision, replayed: false };
    const events: NewEvent[] = decided.map((event) => ({
      ...metadata,
      eventId: uuidv7(),
      type: event.type,
      schemaVersion: registry.currentVersion(event.type),
      data: event.data,
    }));
    try {
      const result = await store.appendToStream(streamId, events, revision < 0 ? 'no_stream' : revision);
      return {
        state: decided.reduce(decider.evolve, state),
        events: result.events,
        revision: result.nextExpectedRevision,
        replayed: false,
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && options.expectedRevision !== undefined)
        throw new StaleRevisionError(streamId, options.expectedRevision, error.actual);
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
    }
  }
}
