import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { WithdrawComplaintDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** The complainant withdraws the complaint; the procedure ends. */
export class WithdrawComplaintCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: WithdrawComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(WithdrawComplaintCommand)
export class WithdrawComplaintHandler implements ICommandHandler<WithdrawComplaintCommand> {
  constructor(private readonly actions: IntakeActions) {}

  execute({ caller, complaintId, body }: WithdrawComplaintCommand): Promise<ActionOutcome> {
    return this.actions.run(caller, complaintId, 'WithdrawComplaint', body, (at) => ({
      type: 'WithdrawComplaint',
      ...body,
      at,
    }));
  }
}
