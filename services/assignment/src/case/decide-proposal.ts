import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { DecideProposalDto } from './case.dto';

/**
 * Approve the proposal awaiting approval within one's authority, forward it up the chain beyond it, or
 * reject it.
 */
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
    return this.actions.run(caller, complaintId, 'DecideProposal', body, ({ base, holders }) => ({
      ...base,
      type: 'DecideProposal',
      ...body,
      holders,
    }));
  }
}
