import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { SubmitProposalDto } from './case.dto';

/** Submit a resolution proposal; beyond the proposer's authority it goes to the approver the limits name. */
export class SubmitProposalCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: SubmitProposalDto,
  ) {
    super();
  }
}

@CommandHandler(SubmitProposalCommand)
export class SubmitProposalHandler implements ICommandHandler<SubmitProposalCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: SubmitProposalCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'SubmitProposal', body, ({ base, settings, holders }) => ({
      ...base,
      type: 'SubmitProposal',
      proposalId: randomUUID(),
      ...body,
      settings,
      holders,
    }));
  }
}
