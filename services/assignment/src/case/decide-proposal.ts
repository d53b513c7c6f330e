import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { DecideProposalDto } from './case.dto';

/** Approve or reject the proposal awaiting approval, within one's authority. */
export class DecideProposalCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: DecideProposalDto,
  ) {
    super();
  }
}

@CommandHandler(DecideProposalCommand)
export class DecideProposalHandler implements ICommandHandler<DecideProposalCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: DecideProposalCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'DecideProposal', body, ({ base }) => ({
      ...base,
      type: 'DecideProposal',
      ...body,
    }));
  }
}
