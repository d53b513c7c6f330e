import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { EscalationActions, type EscalationOutcome } from './escalation-actions';
import type { HandBackEscalationDto } from './escalation.dto';

/** Hand an escalated complaint back down one level, with a note (only by the person holding it). */
export class HandBackEscalationCommand extends Command<EscalationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: HandBackEscalationDto,
  ) {
    super();
  }
}

@CommandHandler(HandBackEscalationCommand)
export class HandBackEscalationHandler implements ICommandHandler<HandBackEscalationCommand> {
  constructor(private readonly actions: EscalationActions) {}

  execute({ caller, complaintId, body }: HandBackEscalationCommand): Promise<EscalationOutcome> {
    return this.actions.run(caller, complaintId, 'HandBackEscalation', body, (context, at) => ({
      type: 'HandBackEscalation',
      complaint: context.complaint,
      chain: context.chain,
      timeZone: context.timeZone,
      note: body.note,
      by: caller.principal.userId,
      at,
    }));
  }
}
