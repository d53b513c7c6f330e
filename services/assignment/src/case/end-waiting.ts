import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { EndWaitingDto } from './case.dto';

/** The wait is over. */
export class EndWaitingCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: EndWaitingDto,
  ) {
    super();
  }
}

@CommandHandler(EndWaitingCommand)
export class EndWaitingHandler implements ICommandHandler<EndWaitingCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: EndWaitingCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'EndWaiting', body, ({ base }) => ({
      ...base,
      type: 'EndWaiting',
      ...body,
    }));
  }
}
