import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { AddCaseNoteDto } from './case.dto';

/** Add a note to a case. */
export class AddCaseNoteCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AddCaseNoteDto,
  ) {
    super();
  }
}

@CommandHandler(AddCaseNoteCommand)
export class AddCaseNoteHandler implements ICommandHandler<AddCaseNoteCommand> {
  constructor(private readonly actions: CaseActions) {}

  execute({ caller, complaintId, body }: AddCaseNoteCommand): Promise<CaseActionOutcome> {
    return this.actions.run(caller, complaintId, 'AddCaseNote', body, ({ base }) => ({
      ...base,
      type: 'AddCaseNote',
      noteId: randomUUID(),
      text: body.text,
    }));
  }
}
