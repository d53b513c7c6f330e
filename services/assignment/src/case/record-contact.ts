import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { RecordContactDto } from './case.dto';

/** Record the handler's contact with the customer (CustomerContacted). */
export class RecordContactCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RecordContactDto,
  ) {
    super();
  }
}

@CommandHandler(RecordContactCommand)
export class RecordContactHandler implements ICommandHandler<RecordContactCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: RecordContactCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'RecordContact', body, ({ base }) => ({
      ...base,
      type: 'RecordContact',
      ...body,
    }));
  }
}
