import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type Decider,
  type DomainEvent,
  type EventTypeRegistry,
  fold,
  NotFoundError,
  type RecordedEvent,
} from '@kesu/kernel';
import {
  type Clock,
  type CommandMetadata,
  type CommandResult,
  type EventStore,
  handleCommand,
} from '@kesu/ports';
import { causationIdOf, eventsOfEarlierRequest } from './idempotency';
import { OrgDirectory } from './org-directory';
import type { Principal } from './principal';
import type { Caller } from './request-context';
import { CLOCK, EVENT_STORE } from './tokens';

/** A person's command on an existing stream: who sends it, to which stream, decided by which decider. */
export interface UserCommand<Command, Event extends DomainEvent, State> {
  readonly caller: Caller;
  readonly streamId: string;
  readonly decider: Decider<Command, Event, State>;
  readonly registry: EventTypeRegistry;
  /** The use case and its input as sent: with an Idempotency-Key, what makes a request a repeat. */
  readonly action: string;
  readonly input: object;
  /** Builds the command at the Clock's instant (`at`), e.g. sealing personal data first. */
  readonly command: (at: string) => Command | Promise<Command>;
  /** What `NotFoundError` says when the stream is not the caller's to see (default: the stream id). */
  readonly notFound?: { readonly code: string; readonly message: string };
  /**
   * The stream whose first event places the command in a tenant, branch and correlation (default:
   * `streamId`): for a stream a service keeps about another service's aggregate, which may not exist
   * yet — classification's stream of a complaint intake received.
   */
  readonly scopeStreamId?: string;
  /** Attempts on a concurrency conflict without If-Match (`handleCommand`'s default otherwise). */
  readonly maxAttempts?: number;
}

/**
 * Runs a person's command on a stream that exists within their reach, the one way every service
 * does it: 404 (NotFoundError) unless the stream's first event (or that of its `scopeStreamId`)
 * belongs to the caller's tenant and a branch in their scope — the same answer as a stream that does
 * not exist; a request repeating an
 * earlier Idempotency-Key is answered from the events it appended (`replayed`, the state as it was
 * then); otherwise the command is decided and appended through `handleCommand`, at the caller's
 * If-Match revision when given (StaleRevisionError, 412, when the stream has moved on).
 */
@Injectable()
export class UserCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    request: UserCommand<Command, Event, State>,
  ): Promise<CommandResult<State>> {
    const { caller, streamId, decider, registry } = request;
    const { principal } = caller;
    const stored = await this.store.readStream(streamId);
    const first =
      request.scopeStreamId === undefined
        ? stored[0]
        : (await this.store.readStream(request.scopeStreamId, { maxCount: 1 }))[0];
    if (!this.directory.reaches(principal, first)) {
      const { code, message } = request.notFound ?? {
        code: 'stream.not_found',
        message: `${streamId} not found`,
      };
      throw new NotFoundError(code, message);
    }
    const causationId = causationIdOf(caller, request.action, request.input);
    const earlier = eventsOfEarlierRequest(stored, causationId);
    if (earlier.length > 0) return replayOf(decider, registry, stored, earlier);
    const at = this.clock.now().toISOString();
    const actor: Actor = { kind: 'user', id: principal.userId, roles: principal.roles };
    const metadata: CommandMetadata = {
      occurredAt: at,
      tenantId: first.tenantId,
      branchId: first.branchId,
      correlationId: first.correlationId,
      causationId,
      actor,
    };
    return handleCommand(this.store, registry, decider, streamId, await request.command(at), metadata, {
      ...(caller.expectedRevision !== undefined && { expectedRevision: caller.expectedRevision }),
      ...(request.maxAttempts !== undefined && { maxAttempts: request.maxAttempts }),
    });
  }

  /**
   * Runs a change of the caller's tenant's own settings stream (a policy, rules, settings), the one
   * way every service does it: a repeated Idempotency-Key is answered from the events it appended;
   * otherwise decided and appended at the If-Match revision when given (412 when stale). The events
   * are the tenant's, correlated by the stream's id without its category.
   */
  async changeTenantSettings<Command, Event extends DomainEvent, State>(
    request: TenantSettingsChange<Command, Event, State>,
  ): Promise<CommandResult<State>> {
    const { caller, streamId, decider, registry } = request;
    const { principal } = caller;
    const stored = await this.store.readStream(streamId);
    const causationId = causationIdOf(caller, request.action, request.input);
    const earlier = eventsOfEarlierRequest(stored, causationId);
    if (earlier.length > 0) return replayOf(decider, registry, stored, earlier);
    const at = this.clock.now().toISOString();
    const metadata = tenantStreamMetadata(principal, streamId, causationId, at);
    return handleCommand(this.store, registry, decider, streamId, await request.command(at), metadata, {
      ...(caller.expectedRevision !== undefined && { expectedRevision: caller.expectedRevision }),
      ...(request.maxAttempts !== undefined && { maxAttempts: request.maxAttempts }),
    });
  }
}

/** A tenant administrator's change of one of the tenant's own settings streams (it may not exist yet). */
export type TenantSettingsChange<Command, Event extends DomainEvent, State> = Omit<
  UserCommand<Command, Event, State>,
  'notFound' | 'scopeStreamId'
>;

/** The answer to a repeated request: the events it appended, and the state as it stood after them. */
function replayOf<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  registry: EventTypeRegistry,
  stored: readonly RecordedEvent[],
  earlier: readonly RecordedEvent[],
): CommandResult<State> {
  const revision = earlier[earlier.length - 1]!.revision;
  const state = fold(
    decider,
    stored.filter((e) => e.revision <= revision).map((e) => registry.toDomain<Event>(e)),
  );
  return { state, events: earlier, revision, replayed: true };
}

/**
 * The envelope of the events a service records in reaction to another event: the same tenant, branch
 * and complaint (correlation), caused by that event, at the Clock's instant.
 */
export function reactionMetadata(event: RecordedEvent, actor: Actor, clock: Clock): CommandMetadata {
  return {
    occurredAt: clock.now().toISOString(),
    tenantId: event.tenantId,
    branchId: event.branchId,
    correlationId: event.correlationId,
    causationId: event.eventId,
    actor,
  };
}

/**
 * The envelope of the events a user records on one of their tenant's own streams (settings, policies,
 * requests): the tenant's, at the first unit of their scope, correlated by the stream's id without
 * its category, caused by the request, at `at`.
 */
export function tenantStreamMetadata(
  principal: Principal,
  streamId: string,
  causationId: string,
  at: string,
): CommandMetadata {
  return {
    occurredAt: at,
    tenantId: principal.tenantId,
    branchId: principal.branchScope[0] ?? principal.tenantId,
    correlationId: streamId.slice(streamId.indexOf('-') + 1),
    causationId,
    actor: { kind: 'user', id: principal.userId, roles: principal.roles },
  };
}
