import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { ExecuteRemediesDto } from './case.dto';

/** Record the agreed remedies carried out, with what proves each. */
export class ExecuteRemediesCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ExecuteRemediesDto,
  ) {
    super();
  }
}

@CommandHandler(ExecuteRemediesCommand)
export class ExecuteRemediesHandler implements ICommandHandler<ExecuteRemediesCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: ExecuteRemediesCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'ExecuteRemedies', body, ({ base }) => ({
      ...base,
      type: 'ExecuteRemedies',
      ...body,
    }));
  }
}
