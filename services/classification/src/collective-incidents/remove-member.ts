import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import type { ReasonDto } from '../reason.dto';
import { type CurationOutcome, IncidentCuration } from './incident-curation';
import { IncidentMembers } from './incident-members';
import { RecentComplaints } from './recent-complaints';

/**
 * Take a complaint that is not about the incident's matter out of it: it never joins that incident
 * again, and is classified again without the incident's complainants.
 */
export class RemoveMemberCommand extends Command<CurationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly incidentId: string,
    readonly complaintId: string,
    readonly body: ReasonDto,
  ) {
    super();
  }
}

/**
 * Decides the removal knowing whether the incident's stream names the complaint a member (404
 * otherwise) and how many people it speaks for; then the recent index no longer has it in the
 * incident.
 */
@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    private readonly curation: IncidentCuration,
    private readonly members: IncidentMembers,
    private readonly recent: RecentComplaints,
  ) {}

  async execute({ caller, incidentId, complaintId, body }: RemoveMemberCommand): Promise<CurationOutcome> {
    const input = { complaintId, ...body };
    const outcome = await this.curation.run(caller, incidentId, 'RemoveMember', input, async (at) => {
      const member = (await this.members.of(incidentId)).find((m) => m.complaintId === complaintId);
      const counted = await this.members.counted(member ?? { complaintId });
      return {
        type: 'RemoveMember',
        complaintId,
        member: member !== undefined,
        complainantCount: counted?.complainantCount ?? 1,
        reason: body.reason,
        by: caller.principal.userId,
        at,
      };
    });
    await this.recent.unmark(complaintId, incidentId);
    return outcome;
  }
}
