import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { FollowUpContext } from './follow-up-context';
import type { DecideReReviewDto } from './follow-up.dto';

/** The reviewer upholds or changes the decision (a change reopens the case for the new remedy). */
export class DecideReReviewCommand extends Command<FollowUpOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: DecideReReviewDto,
  ) {
    super();
  }
}

@CommandHandler(DecideReReviewCommand)
export class DecideReReviewHandler implements ICommandHandler<DecideReReviewCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly context: FollowUpContext,
  ) {}

  execute({ caller, complaintId, body }: DecideReReviewCommand): Promise<FollowUpOutcome> {
    return this.runner.person(caller, complaintId, 'DecideReReview', body, async (at) => ({
      type: 'DecideReReview',
      by: caller.principal.userId,
      at,
      outcome: body.outcome,
      explanation: body.explanation,
      finalCategory: (await this.context.of(complaintId)).category,
    }));
  }
}
