import { Inject, Injectable } from '@nestjs/common';
import { type EscalationEvent, escalationStream } from '@kesu/assignment-contracts';
import {
  type ChainLevel,
  type EscalatedComplaint,
  type EscalationCommand,
  escalationDecider,
  type EscalationState,
  holding,
} from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, NotFoundError } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { type ComplaintFacts, ComplaintFactsReader } from './complaint-facts';
import { EscalationChains } from './escalation-chains';
import { ESCALATION_EVENTS } from './escalation-events';
import { EscalationPolicies } from './policy/escalation-policies';

/** Where a complaint's escalation stands, as the routes answer it. */
export interface EscalationResult {
  readonly complaintId: string;
  /** `escalated`: a level of the chain holds it; `not_escalated`: its handler does. */
  readonly status: 'escalated' | 'not_escalated';
  /** The revision of the complaint's escalation stream (-1: never escalated): what If-Match names. */
  readonly revision: number;
  readonly escalation: {
    readonly level: string;
    readonly holderId: string;
    readonly since: string;
    readonly respondBy: string | null;
  } | null;
}

export interface EscalationOutcome {
  readonly result: EscalationResult;
  /** The answer replays an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** The answer for a complaint whose escalation stream stands at `revision` in `state`. */
export function escalationResult(
  complaintId: string,
  state: EscalationState,
  revision: number,
): EscalationResult {
  const current = holding(state);
  return {
    complaintId,
    status: current ? 'escalated' : 'not_escalated',
    revision,
    escalation: current
      ? {
          level: current.level,
          holderId: current.holderId,
          since: current.since,
          respondBy: current.respondBy,
        }
      : null,
  };
}

/** What every escalation command of a complaint needs: the complaint, the chain above it, the time zone. */
export interface EscalationContext {
  readonly facts: ComplaintFacts;
  readonly complaint: EscalatedComplaint;
  readonly chain: readonly ChainLevel[];
  readonly timeZone: string;
}

/**
 * Runs a person's escalation command on a complaint through `UserCommands`: 404 unless intake's
 * complaint lies in the caller's tenant and branch scope, a repeated Idempotency-Key answered as it
 * was, the If-Match revision of the escalation stream checked (412), decided by the escalation
 * decider on the chain the directory gives.
 */
@Injectable()
export class EscalationActions {
  constructor(
    private readonly commands: UserCommands,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly facts: ComplaintFactsReader,
    private readonly chains: EscalationChains,
    private readonly policies: EscalationPolicies,
  ) {}

  async run(
    caller: Caller,
    complaintId: string,
    action: EscalationCommand['type'],
    input: object,
    command: (context: EscalationContext, at: string) => EscalationCommand,
  ): Promise<EscalationOutcome> {
    const handled = await this.commands.execute<EscalationCommand, EscalationEvent, EscalationState>({
      caller,
      streamId: escalationStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: escalationDecider,
      registry: this.registry,
      action,
      input,
      command: async (at) => command(await this.context(complaintId), at),
      notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
    });
    return {
      result: escalationResult(complaintId, handled.state, handled.revision),
      replayed: handled.replayed,
    };
  }

  /** The complaint's facts, the chain above it and the tenant's time zone; 404 for a complaint intake does not know. */
  async context(complaintId: string): Promise<EscalationContext> {
    const context = await this.contextOf(complaintId);
    if (!context) throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    return context;
  }

  /** The complaint's facts, the chain above it under its tenant's policy, and the tenant's time zone. */
  async contextOf(complaintId: string): Promise<EscalationContext | undefined> {
    const facts = await this.facts.of(complaintId);
    if (!facts) return undefined;
    const policy = await this.policies.policyOf(facts.tenantId);
    const chain = await this.chains.chainFor(facts.tenantId, facts.branchId, facts.departmentId, policy);
    const { reference, ended } = facts;
    return { facts, complaint: { complaintId, reference, ended }, chain, timeZone: policy.timeZone };
  }
}
