import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type EscalationTrigger, escalationStream } from '@kesu/assignment-contracts';
import { escalationDecider, type EscalationState } from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { EscalationActions } from './escalation-actions';
import { ESCALATION_ACTOR, ESCALATION_EVENTS } from './escalation-events';
import { EscalationPolicies } from './policy/escalation-policies';

/** Triggers another service's event carries about a complaint: the reaction to it. */
export class EscalateOnTriggersCommand extends Command<CommandResult<EscalationState> | undefined> {
  constructor(
    readonly complaintId: string,
    readonly triggers: readonly EscalationTrigger[],
    /** The event the triggers came with: the cause of what is recorded. */
    readonly cause: RecordedEvent,
  ) {
    super();
  }
}

/**
 * Escalates the complaint where the tenant's policy takes the triggers (or notes them where it
 * stands), caused by the event that carried them: a redelivery of it records nothing more. A
 * complaint intake does not know, and triggers of no rule, change nothing.
 */
@CommandHandler(EscalateOnTriggersCommand)
export class EscalateOnTriggersHandler implements ICommandHandler<EscalateOnTriggersCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly actions: EscalationActions,
    private readonly policies: EscalationPolicies,
  ) {}

  async execute({ complaintId, triggers, cause }: EscalateOnTriggersCommand) {
    if (triggers.length === 0) return undefined;
    const context = await this.actions.contextOf(complaintId);
    if (!context) return undefined;
    const { facts, complaint, chain, timeZone } = context;
    const { rules } = await this.policies.policyOf(facts.tenantId);
    const metadata = {
      ...reactionMetadata(cause, ESCALATION_ACTOR, this.clock),
      tenantId: facts.tenantId,
      branchId: facts.branchId,
      correlationId: complaintId,
    };
    return handleCommand(
      this.store,
      this.registry,
      escalationDecider,
      escalationStream(complaintId),
      {
        type: 'EscalateOnTriggers',
        complaint,
        chain,
        timeZone,
        triggers,
        rules,
        by: ESCALATION_ACTOR.id,
        at: metadata.occurredAt,
      },
      metadata,
    );
  }
}
