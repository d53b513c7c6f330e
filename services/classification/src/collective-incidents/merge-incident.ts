import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@kesu/kernel';
import { type Caller, OrgDirectory } from '@kesu/platform';
import { type CurationOutcome, IncidentCuration, incidentNotFound } from './incident-curation';
import { IncidentList } from './incident-list';
import type { MergeIncidentDto } from './incidents.dto';
import { MergeLease } from './merge-lease';

/**
 * Merge an incident into another about the same matter (合并): it takes no more complaints, and its
 * members join the other (`MoveMergedMembersCommand`, on its event).
 */
export class MergeIncidentCommand extends Command<CurationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly incidentId: string,
    readonly body: MergeIncidentDto,
  ) {
    super();
  }
}

/**
 * Decides the merge on both incidents as they stand, holding the tenant's merge lease so that two
 * merges never cross; 404 for either incident outside the caller's tenant or branch scope.
 */
@CommandHandler(MergeIncidentCommand)
export class MergeIncidentHandler implements ICommandHandler<MergeIncidentCommand> {
  constructor(
    private readonly curation: IncidentCuration,
    private readonly list: IncidentList,
    private readonly lease: MergeLease,
    private readonly directory: OrgDirectory,
  ) {}

  execute({ caller, incidentId, body }: MergeIncidentCommand): Promise<CurationOutcome> {
    const { principal } = caller;
    return this.lease.hold(principal.tenantId, async () => {
      const into = await this.list.current(body.into);
      if (
        !into ||
        into.state.tenantId !== principal.tenantId ||
        !this.directory.covers(principal, into.state.branchId)
      ) {
        const { code, message } = incidentNotFound(body.into);
        throw new NotFoundError(code, message);
      }
      return this.curation.run(caller, incidentId, 'MergeIncident', body, (at) => ({
        type: 'MergeIncident',
        into: into.state,
        reason: body.reason,
        by: principal.userId,
        at,
      }));
    });
  }
}
