import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { SubmitProposalDto } from './case.dto';

/** Revise a rejected or countered proposal and submit it again. */
export class ReviseProposalCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: SubmitProposalDto,
  ) {
    super();
  }
}

@CommandHandler(ReviseProposalCommand)
export class ReviseProposalHandler implements ICommandHandler<ReviseProposalCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: ReviseProposalCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'ReviseProposal', body, ({ base, settings, holders }) => ({
      ...base,
      type: 'ReviseProposal',
      proposalId: '',
      ...body,
      settings,
      holders,
    }));
  }
}
