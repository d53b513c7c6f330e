import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { RejectComplaintDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** Reject a complaint (不予受理) with a reason and the explanation the customer receives. */
export class RejectComplaintCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RejectComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(RejectComplaintCommand)
export class RejectComplaintHandler implements ICommandHandler<RejectComplaintCommand> {
  constructor(private readonly actions: IntakeActions) {}

  execute({ caller, complaintId, body }: RejectComplaintCommand): Promise<ActionOutcome> {
    return this.actions.run(caller, complaintId, 'RejectComplaint', body, (at) => ({
      type: 'RejectComplaint',
      ...body,
      rejectedBy: caller.principal.userId,
      at,
    }));
  }
}
