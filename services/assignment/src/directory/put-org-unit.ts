import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrgUnitRef } from '@kesu/assignment-contracts';
import type { Caller } from '@kesu/platform';
import { assertTenantAdmin } from './directory-access';
import { DirectoryChanges } from './directory-changes';
import type { PutOrgUnitDto } from './directory.dto';

/** A change's answer: the record as it stands after it, the directory's revision, and whether it repeated a request. */
export interface RecordOutcome<T> {
  readonly record: T;
  readonly revision: number;
  readonly replayed: boolean;
}

/** A tenant admin adds a unit to the org tree, or renames, moves or re-kinds one. */
export class PutOrgUnitCommand extends Command<RecordOutcome<OrgUnitRef>> {
  constructor(
    readonly caller: Caller,
    readonly unitId: string,
    readonly body: PutOrgUnitDto,
  ) {
    super();
  }
}

@CommandHandler(PutOrgUnitCommand)
export class PutOrgUnitHandler implements ICommandHandler<PutOrgUnitCommand> {
  constructor(private readonly changes: DirectoryChanges) {}

  async execute({ caller, unitId, body }: PutOrgUnitCommand): Promise<RecordOutcome<OrgUnitRef>> {
    const { principal } = caller;
    assertTenantAdmin(principal);
    const { reason, kind, parentId, name } = body;
    const values = { unitId, kind, parentId: parentId ?? null, name: { zh: name.zh, en: name.en } };
    const outcome = await this.changes.run({
      caller,
      tenantId: principal.tenantId,
      action: 'PutOrgUnit',
      input: { ...values, reason },
      command: () => ({ type: 'PutRecord', record: { kind: 'unit', values }, by: principal.userId, reason }),
    });
    return {
      record: outcome.state.units.get(unitId)!,
      revision: outcome.revision,
      replayed: outcome.replayed,
    };
  }
}
