import { Inject, Injectable, Logger } from '@nestjs/common';
import { directoryStream } from '@kesu/assignment-contracts';
import { type DirectoryCommand, type DirectoryState, directoryDecider } from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Caller, causationIdOf, CLOCK, EVENT_STORE, eventsOfEarlierRequest } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { DIRECTORY_EVENTS } from './directory-events';
import { DirectoryPublication } from './directory-publication';
import { DirectoryStates } from './directory-states';

/** A change of a tenant's directory: who sends it, for which tenant, the use case and its input as sent. */
export interface DirectoryChange {
  readonly caller: Caller;
  readonly tenantId: string;
  readonly action: string;
  readonly input: object;
  /** Builds the domain command (`by` and `reason` from the caller and the input). */
  readonly command: () => DirectoryCommand;
}

/** What a change left: the directory after it, the stream's revision (the next If-Match), the events it recorded. */
export interface DirectoryOutcome {
  readonly state: DirectoryState;
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
  /** The change repeats an earlier request (same Idempotency-Key): nothing was recorded now. */
  readonly replayed: boolean;
}

/**
 * The one way a tenant's directory changes: a repeated Idempotency-Key is answered from the events
 * its first request recorded; otherwise the command is decided on the directory as this process
 * knows it, caught up with the stream, and appended at the caller's If-Match revision when given
 * (412 when the directory moved on) — every event with who (the actor) and why. The directory after
 * it applies in this process at once and is published to the platform.
 */
@Injectable()
export class DirectoryChanges {
  private readonly logger = new Logger(DirectoryChanges.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: DirectoryStates,
    private readonly publication: DirectoryPublication,
  ) {}

  async run(change: DirectoryChange): Promise<DirectoryOutcome> {
    const { caller, tenantId } = change;
    const { principal } = caller;
    const streamId = directoryStream(tenantId);
    const causationId = causationIdOf(caller, change.action, change.input);
    if (caller.idempotencyKey !== undefined) {
      const earlier = eventsOfEarlierRequest(await this.store.readStream(streamId), causationId);
      if (earlier.length > 0) {
        const { state } = await this.states.current(tenantId, { fresh: true });
        return { state, revision: earlier.at(-1)!.revision, events: earlier, replayed: true };
      }
    }
    const known = await this.states.current(tenantId, { fresh: true });
    const result = await handleCommand(
      this.store,
      this.registry,
      directoryDecider,
      streamId,
      change.command(),
      {
        occurredAt: this.clock.now().toISOString(),
        tenantId,
        branchId: tenantId,
        correlationId: streamId.slice(streamId.indexOf('-') + 1),
        causationId,
        actor: { kind: 'user', id: principal.userId, roles: principal.roles },
      },
      {
        from: known,
        ...(caller.expectedRevision !== undefined && { expectedRevision: caller.expectedRevision }),
      },
    );
    const after = { state: result.state, revision: result.revision, position: result.position ?? 0 };
    if (result.events.length > 0) {
      this.states.remember(tenantId, after);
      await this.publication
        .publish(after)
        .catch((error: unknown) =>
          this.logger.warn(
            `publishing the directory of ${tenantId} failed (its consumer publishes it again): ${String(error)}`,
          ),
        );
    }
    return {
      state: result.state,
      revision: result.revision,
      events: result.events,
      replayed: result.replayed,
    };
  }
}
