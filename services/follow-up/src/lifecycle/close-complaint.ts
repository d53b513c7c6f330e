import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { FollowUpContext } from './follow-up-context';
import type { CloseComplaintDto } from './follow-up.dto';

/** A supervisor closes the complaint (结案) with its outcome and summary. */
export class CloseComplaintCommand extends Command<FollowUpOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: CloseComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(CloseComplaintCommand)
export class CloseComplaintHandler implements ICommandHandler<CloseComplaintCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly context: FollowUpContext,
  ) {}

  execute({ caller, complaintId, body }: CloseComplaintCommand): Promise<FollowUpOutcome> {
    return this.runner.person(caller, complaintId, 'CloseComplaint', body, async (at) => ({
      type: 'CloseComplaint',
      by: caller.principal.userId,
      at,
      outcome: body.outcome,
      ...(body.summary !== undefined && { summary: body.summary }),
      finalCategory: (await this.context.of(complaintId)).category,
    }));
  }
}
