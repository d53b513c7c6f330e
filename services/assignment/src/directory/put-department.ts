import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Department } from '@kesu/assignment-contracts';
import type { Caller } from '@kesu/platform';
import { assertTenantAdmin } from './directory-access';
import { DirectoryChanges } from './directory-changes';
import type { PutDepartmentDto } from './directory.dto';
import type { RecordOutcome } from './put-org-unit';

/** A tenant admin sets up a department of a unit, or renames, moves it or gives it another head. */
export class PutDepartmentCommand extends Command<RecordOutcome<Department>> {
  constructor(
    readonly caller: Caller,
    readonly departmentId: string,
    readonly body: PutDepartmentDto,
  ) {
    super();
  }
}

@CommandHandler(PutDepartmentCommand)
export class PutDepartmentHandler implements ICommandHandler<PutDepartmentCommand> {
  constructor(private readonly changes: DirectoryChanges) {}

  async execute({ caller, departmentId, body }: PutDepartmentCommand): Promise<RecordOutcome<Department>> {
    const { principal } = caller;
    assertTenantAdmin(principal);
    const { reason, unitId, name, kind, headId } = body;
    const values = {
      departmentId,
      unitId,
      name: { zh: name.zh, en: name.en },
      ...(kind !== undefined && { kind }),
      headId: headId ?? null,
    };
    const outcome = await this.changes.run({
      caller,
      tenantId: principal.tenantId,
      action: 'PutDepartment',
      input: { ...values, reason },
      command: () => ({
        type: 'PutRecord',
        record: { kind: 'department', values },
        by: principal.userId,
        reason,
      }),
    });
    return {
      record: outcome.state.departments.get(departmentId)!,
      revision: outcome.revision,
      replayed: outcome.replayed,
    };
  }
}
