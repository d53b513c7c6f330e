import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { AcceptComplaintDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** Accept a complaint for case work (受理). */
export class AcceptComplaintCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AcceptComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(AcceptComplaintCommand)
export class AcceptComplaintHandler implements ICommandHandler<AcceptComplaintCommand> {
  constructor(private readonly actions: IntakeActions) {}

  execute({ caller, complaintId, body }: AcceptComplaintCommand): Promise<ActionOutcome> {
    return this.actions.run(caller, complaintId, 'AcceptComplaint', body, (at) => ({
      type: 'AcceptComplaint',
      ...body,
      at,
    }));
  }
}
