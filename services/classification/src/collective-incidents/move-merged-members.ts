import type { CollectiveIncidentMergedData } from '@kesu/classification-contracts';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import { type Candidate, IncidentJoins } from './incident-joins';
import { IncidentMembers } from './incident-members';

/** Members of a merged incident joined to the other one per append. */
const MOVE_BATCH = 500;

/** Move the members of a merged incident to the one it was merged into (CollectiveIncidentMerged v1). */
export class MoveMergedMembersCommand extends Command<void> {
  constructor(readonly merge: RecordedEvent) {
    super();
  }
}

/**
 * Joins every complaint the merged incident held before its merge to the incident it was merged
 * into, each once (those already there are left out), caused by the merge: safe to run again.
 */
@CommandHandler(MoveMergedMembersCommand)
export class MoveMergedMembersHandler implements ICommandHandler<MoveMergedMembersCommand> {
  constructor(
    private readonly members: IncidentMembers,
    private readonly joins: IncidentJoins,
  ) {}

  async execute({ merge }: MoveMergedMembersCommand): Promise<void> {
    const { incidentId, intoIncidentId } = merge.data as CollectiveIncidentMergedData;
    const members = await this.members.of(incidentId, merge.revision);
    for (let i = 0; i < members.length; i += MOVE_BATCH) {
      const batch = await Promise.all(members.slice(i, i + MOVE_BATCH).map((m) => this.members.counted(m)));
      await this.joins.join(
        intoIncidentId,
        batch.filter((c): c is Candidate & { complaintId: string } => c !== null),
        merge,
      );
    }
  }
}
