import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { StartWaitingDto } from './case.dto';

/** The case waits on the customer or an external appraisal (the SLA clocks pause). */
export class StartWaitingCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: StartWaitingDto,
  ) {
    super();
  }
}

@CommandHandler(StartWaitingCommand)
export class StartWaitingHandler implements ICommandHandler<StartWaitingCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: StartWaitingCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'StartWaiting', body, ({ base }) => ({
      ...base,
      type: 'StartWaiting',
      ...body,
    }));
  }
}
