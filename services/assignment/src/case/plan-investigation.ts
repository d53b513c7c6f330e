import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { PlanInvestigationDto } from './case.dto';

/** Plan the investigation of a case (调查计划). */
export class PlanInvestigationCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: PlanInvestigationDto,
  ) {
    super();
  }
}

@CommandHandler(PlanInvestigationCommand)
export class PlanInvestigationHandler implements ICommandHandler<PlanInvestigationCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: PlanInvestigationCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'PlanInvestigation', body, ({ base }) => ({
      ...base,
      type: 'PlanInvestigation',
      ...body,
    }));
  }
}
