import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { AppealRejectionDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** The complainant contests a rejection, once; a supervisor decides. */
export class AppealRejectionCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AppealRejectionDto,
  ) {
    super();
  }
}

@CommandHandler(AppealRejectionCommand)
export class AppealRejectionHandler implements ICommandHandler<AppealRejectionCommand> {
  constructor(private readonly actions: IntakeActions) {}

  execute({ caller, complaintId, body }: AppealRejectionCommand): Promise<ActionOutcome> {
    return this.actions.run(caller, complaintId, 'AppealRejection', body, (at) => ({
      type: 'AppealRejection',
      ...body,
      at,
    }));
  }
}
