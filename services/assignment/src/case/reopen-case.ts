import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseEvent, caseStream } from '@kesu/assignment-contracts';
import { type CaseCommand, caseDecider, type CaseState } from '@kesu/assignment-domain';
import type { ComplaintReopened } from '@kesu/follow-up-contracts';
import type { EventTypeRegistry } from '@kesu/kernel';
import { CLOCK, type Delivered, EVENT_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { CASE_ACTOR, CASE_EVENTS } from './case-events';

/** Follow-up reopened a complaint: its case, if resolved, is investigated again (CaseReopened). */
export class ReopenCaseCommand extends Command<CommandResult<CaseState>> {
  constructor(readonly reopened: Delivered<ComplaintReopened>) {
    super();
  }
}

@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ reopened }: ReopenCaseCommand): Promise<CommandResult<CaseState>> {
    const { complaintId, reason, reopenedAt } = reopened.data;
    const command: CaseCommand = { type: 'ReopenCase', complaintId, reason, at: reopenedAt };
    return handleCommand<CaseCommand, CaseEvent, CaseState>(
      this.store,
      this.registry,
      caseDecider,
      caseStream(complaintId),
      command,
      reactionMetadata(reopened, CASE_ACTOR, this.clock),
    );
  }
}
