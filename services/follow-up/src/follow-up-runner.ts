import { Inject, Injectable } from '@nestjs/common';
import { followUpStream } from '@kesu/follow-up-contracts';
import {
  type FollowUpCommand,
  followUpDecider,
  type FollowUpState,
  type FollowUpStreamEvent,
} from '@kesu/follow-up-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, fold } from '@kesu/kernel';
import { type Caller, CLOCK, EVENT_STORE, UserCommands } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import type { ComplaintFacts } from './complaint-facts';
import { FOLLOW_UP_EVENTS } from './follow-up-events';

/** What every follow-up action answers: `202 { complaintId, status, revision }`. */
export interface FollowUpResult {
  readonly complaintId: string;
  readonly status: FollowUpState['stage'];
  /** The revision of the complaint's follow-up stream: what If-Match names. */
  readonly revision: number;
}

export interface FollowUpOutcome {
  readonly result: FollowUpResult;
  readonly replayed: boolean;
  readonly state: FollowUpState;
}

const outcomeOf = (complaintId: string, handled: CommandResult<FollowUpState>): FollowUpOutcome => ({
  result: { complaintId, status: handled.state.stage, revision: handled.revision },
  replayed: handled.replayed,
  state: handled.state,
});

/**
 * Runs commands on a complaint's follow-up stream: a person's through `UserCommands` (404 outside
 * their scope, Idempotency-Key replay, If-Match), and the service's own (reactions and timers)
 * through `handleCommand` with a causation id that makes a repeat append nothing.
 */
@Injectable()
export class FollowUpRunner {
  constructor(
    private readonly commands: UserCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async person(
    caller: Caller,
    complaintId: string,
    action: string,
    input: object,
    command: (at: string) => FollowUpCommand | Promise<FollowUpCommand>,
  ): Promise<FollowUpOutcome> {
    const handled = await this.commands.execute<FollowUpCommand, FollowUpStreamEvent, FollowUpState>({
      caller,
      streamId: followUpStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: followUpDecider,
      registry: this.registry,
      action,
      input,
      command,
      notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
    });
    return outcomeOf(complaintId, handled);
  }

  /** The service's own command on a complaint (`actor`: `follow-up`, or `customer` for the survey). */
  async service(
    facts: ComplaintFacts,
    causationId: string,
    command: (at: string) => FollowUpCommand,
    options: { actor?: string; maxAttempts?: number } = {},
  ): Promise<FollowUpOutcome> {
    const at = this.clock.now().toISOString();
    const handled = await handleCommand(
      this.store,
      this.registry,
      followUpDecider,
      followUpStream(facts.complaintId),
      command(at),
      {
        occurredAt: at,
        tenantId: facts.tenantId,
        branchId: facts.branchId,
        correlationId: facts.complaintId,
        causationId,
        actor: { kind: 'service', id: options.actor ?? 'follow-up' },
      },
      options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts },
    );
    return outcomeOf(facts.complaintId, handled);
  }

  /** The complaint's follow-up as it stands, and the stream's revision. */
  async state(complaintId: string): Promise<{ state: FollowUpState; revision: number }> {
    const events = await this.events(complaintId);
    return { state: fold(followUpDecider, events), revision: events.length - 1 };
  }

  /** The complaint's follow-up events, upcast. */
  async events(complaintId: string): Promise<FollowUpStreamEvent[]> {
    const stored = await this.store.readStream(followUpStream(complaintId));
    return stored.map((e) => this.registry.toDomain<FollowUpStreamEvent>(e));
  }

  now(): string {
    return this.clock.now().toISOString();
  }
}
