import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { assertTenantAdmin } from './directory-access';
import { DirectoryChanges } from './directory-changes';

/** What a removal takes out of the directory. */
export type RemovedRecord =
  | { readonly kind: 'unit'; readonly unitId: string }
  | { readonly kind: 'department'; readonly departmentId: string }
  | { readonly kind: 'person'; readonly personId: string };

/** A removal's answer: the directory's revision after it, and whether it repeated a request. */
export interface RemovalOutcome {
  readonly revision: number;
  readonly replayed: boolean;
}

/**
 * A tenant admin removes a unit nothing sits in, a department nobody belongs to, or a person who
 * heads no department (the tenant keeps one admin); removing what is not there is 404.
 */
export class RemoveRecordCommand extends Command<RemovalOutcome> {
  constructor(
    readonly caller: Caller,
    readonly removed: RemovedRecord,
    readonly reason: string,
  ) {
    super();
  }
}

@CommandHandler(RemoveRecordCommand)
export class RemoveRecordHandler implements ICommandHandler<RemoveRecordCommand> {
  constructor(private readonly changes: DirectoryChanges) {}

  async execute({ caller, removed, reason }: RemoveRecordCommand): Promise<RemovalOutcome> {
    const { principal } = caller;
    assertTenantAdmin(principal);
    const by = { by: principal.userId, reason };
    const outcome = await this.changes.run({
      caller,
      tenantId: principal.tenantId,
      action: 'RemoveRecord',
      input: { ...removed, reason },
      command: () => {
        switch (removed.kind) {
          case 'unit':
            return { type: 'RemoveOrgUnit', unitId: removed.unitId, ...by };
          case 'department':
            return { type: 'RemoveDepartment', departmentId: removed.departmentId, ...by };
          case 'person':
            return { type: 'RemovePerson', personId: removed.personId, ...by };
        }
      },
    });
    return { revision: outcome.revision, replayed: outcome.replayed };
  }
}
