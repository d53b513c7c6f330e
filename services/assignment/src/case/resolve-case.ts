import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { ResolveCaseDto } from './case.dto';

/** Resolve the case (ComplaintResolved), with the summary the customer is told. */
export class ResolveCaseCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ResolveCaseDto,
  ) {
    super();
  }
}

@CommandHandler(ResolveCaseCommand)
export class ResolveCaseHandler implements ICommandHandler<ResolveCaseCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: ResolveCaseCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'ResolveCase', body, ({ base }) => ({
      ...base,
      type: 'ResolveCase',
      ...body,
    }));
  }
}
