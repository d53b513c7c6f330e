import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { AddEvidenceReferenceDto } from './case.dto';

/** Add a piece of evidence by reference (a transaction id, a service log, a CCTV clip, a staff interview). */
export class AddEvidenceReferenceCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AddEvidenceReferenceDto,
  ) {
    super();
  }
}

@CommandHandler(AddEvidenceReferenceCommand)
export class AddEvidenceReferenceHandler implements ICommandHandler<AddEvidenceReferenceCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: AddEvidenceReferenceCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'AddEvidence', body, ({ base }) => ({
      ...base,
      type: 'AddEvidence',
      evidenceId: randomUUID(),
      ...body,
    }));
  }
}
