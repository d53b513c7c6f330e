import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { RecordCustomerResponseDto } from './case.dto';

/** Record how the customer answered the offer: counter-offer, accepted, declined. */
export class RecordCustomerResponseCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RecordCustomerResponseDto,
  ) {
    super();
  }
}

@CommandHandler(RecordCustomerResponseCommand)
export class RecordCustomerResponseHandler implements ICommandHandler<RecordCustomerResponseCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: RecordCustomerResponseCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'RecordCustomerResponse', body, ({ base }) => ({
      ...base,
      type: 'RecordCustomerResponse',
      ...body,
    }));
  }
}
