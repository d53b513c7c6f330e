import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { FollowUpContext } from './follow-up-context';
import type { RecordCallbackDto } from './follow-up.dto';

/** Record the callback (回访): reached with the customer's answer, or a try that did not reach them. */
export class RecordCallbackCommand extends Command<FollowUpOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RecordCallbackDto,
  ) {
    super();
  }
}

@CommandHandler(RecordCallbackCommand)
export class RecordCallbackHandler implements ICommandHandler<RecordCallbackCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly context: FollowUpContext,
  ) {}

  execute({ caller, complaintId, body }: RecordCallbackCommand): Promise<FollowUpOutcome> {
    return this.runner.person(caller, complaintId, 'RecordCallback', body, async (at) => ({
      type: 'RecordCallback',
      by: caller.principal.userId,
      at,
      reached: body.reached,
      ...(body.answer && { answer: { ...body.answer } }),
      ...(body.note !== undefined && { note: body.note }),
      finalCategory: (await this.context.of(complaintId)).category,
    }));
  }
}
