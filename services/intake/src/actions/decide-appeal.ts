import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { DecideAppealDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** Decide an appeal against a rejection: upheld, or overturned (the complaint is accepted). */
export class DecideAppealCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: DecideAppealDto,
  ) {
    super();
  }
}

@CommandHandler(DecideAppealCommand)
export class DecideAppealHandler implements ICommandHandler<DecideAppealCommand> {
  constructor(private readonly actions: IntakeActions) {}

  execute({ caller, complaintId, body }: DecideAppealCommand): Promise<ActionOutcome> {
    return this.actions.run(caller, complaintId, 'DecideAppeal', body, (at) => ({
      type: 'DecideAppeal',
      ...body,
      decidedBy: caller.principal.userId,
      at,
    }));
  }
}
