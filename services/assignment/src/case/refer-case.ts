import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { ReferCaseDto } from './case.dto';

/** Refer the case to third-party mediation (人民调解) or a court. */
export class ReferCaseCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ReferCaseDto,
  ) {
    super();
  }
}

@CommandHandler(ReferCaseCommand)
export class ReferCaseHandler implements ICommandHandler<ReferCaseCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: ReferCaseCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'ReferCase', body, ({ base }) => ({
      ...base,
      type: 'ReferCase',
      ...body,
    }));
  }
}
