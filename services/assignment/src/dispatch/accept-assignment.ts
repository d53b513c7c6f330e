import { assertAssigneeResponds } from '@kesu/assignment-domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { type AssignmentActionOutcome, AssignmentActions } from './assignment-actions';
import type { AcceptAssignmentDto } from './assignment-actions.dto';

/** The assignee accepts the complaint (接收): it is theirs to handle. */
export class AcceptAssignmentCommand extends Command<AssignmentActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AcceptAssignmentDto,
  ) {
    super();
  }
}

@CommandHandler(AcceptAssignmentCommand)
export class AcceptAssignmentHandler implements ICommandHandler<AcceptAssignmentCommand> {
  constructor(private readonly actions: AssignmentActions) {}

  execute({ caller, complaintId, body }: AcceptAssignmentCommand): Promise<AssignmentActionOutcome> {
    const by = caller.principal.userId;
    return this.actions.run(caller, complaintId, 'AcceptAssignment', body, async (before, _record, at) => {
      assertAssigneeResponds(before, complaintId, by);
      return { command: { type: 'AcceptAssignment', complaintId, by, at }, taken: null };
    });
  }
}
