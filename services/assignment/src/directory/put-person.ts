import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StaffMember } from '@kesu/assignment-contracts';
import type { Caller } from '@kesu/platform';
import { assertTenantAdmin } from './directory-access';
import { DirectoryChanges } from './directory-changes';
import type { PutPersonDto } from './directory.dto';
import type { RecordOutcome } from './put-org-unit';

/**
 * A tenant admin adds a person, or changes their record: username, names, roles, the units they act
 * in, departments, skills, languages, capacity, duty. What the body leaves out stays as it is.
 */
export class PutPersonCommand extends Command<RecordOutcome<StaffMember>> {
  constructor(
    readonly caller: Caller,
    readonly personId: string,
    readonly body: PutPersonDto,
  ) {
    super();
  }
}

@CommandHandler(PutPersonCommand)
export class PutPersonHandler implements ICommandHandler<PutPersonCommand> {
  constructor(private readonly changes: DirectoryChanges) {}

  async execute({ caller, personId, body }: PutPersonCommand): Promise<RecordOutcome<StaffMember>> {
    const { principal } = caller;
    assertTenantAdmin(principal);
    const { reason, name, ...fields } = body;
    const values = { ...fields, personId, name: { zh: name.zh, en: name.en } };
    const outcome = await this.changes.run({
      caller,
      tenantId: principal.tenantId,
      action: 'PutPerson',
      input: { ...values, reason },
      command: () => ({
        type: 'PutRecord',
        record: { kind: 'person', values },
        by: principal.userId,
        reason,
      }),
    });
    return {
      record: outcome.state.people.get(personId)!,
      revision: outcome.revision,
      replayed: outcome.replayed,
    };
  }
}
