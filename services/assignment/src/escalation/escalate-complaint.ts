import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { EscalationActions, type EscalationOutcome } from './escalation-actions';
import type { EscalateComplaintDto } from './escalation.dto';

/** Escalate a complaint one level up the org chain, saying why. */
export class EscalateComplaintCommand extends Command<EscalationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: EscalateComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(EscalateComplaintCommand)
export class EscalateComplaintHandler implements ICommandHandler<EscalateComplaintCommand> {
  constructor(private readonly actions: EscalationActions) {}

  execute({ caller, complaintId, body }: EscalateComplaintCommand): Promise<EscalationOutcome> {
    return this.actions.run(caller, complaintId, 'EscalateComplaint', body, (context, at) => ({
      type: 'EscalateComplaint',
      complaint: context.complaint,
      chain: context.chain,
      timeZone: context.timeZone,
      reason: body.reason,
      by: caller.principal.userId,
      at,
    }));
  }
}
