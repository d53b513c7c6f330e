import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { RecordFindingDto } from './case.dto';

/** Record the finding: facts, root cause, responsibility, the staff involved. */
export class RecordFindingCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RecordFindingDto,
  ) {
    super();
  }
}

@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: RecordFindingCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'RecordFinding', body, ({ base, settings }) => ({
      ...base,
      type: 'RecordFinding',
      ...body,
      settings,
    }));
  }
}
