import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { MakeOfferDto } from './case.dto';

/** Put the approved proposal to the customer (a negotiation round). */
export class MakeOfferCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: MakeOfferDto,
  ) {
    super();
  }
}

@CommandHandler(MakeOfferCommand)
export class MakeOfferHandler implements ICommandHandler<MakeOfferCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: MakeOfferCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'MakeOffer', body, ({ base }) => ({
      ...base,
      type: 'MakeOffer',
    }));
  }
}
