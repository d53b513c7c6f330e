import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Caller, Role } from '@kesu/platform';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import type { ReopenComplaintDto } from './follow-up.dto';

/** The roles that may reopen a closed complaint (a supervisor's decision). */
export const SUPERVISING_ROLES: readonly string[] = [
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];

/** Reopen a resolved complaint (back to its handler), or a closed one by a supervisor. */
export class ReopenComplaintCommand extends Command<FollowUpOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ReopenComplaintDto,
  ) {
    super();
  }
}

@CommandHandler(ReopenComplaintCommand)
export class ReopenComplaintHandler implements ICommandHandler<ReopenComplaintCommand> {
  constructor(private readonly runner: FollowUpRunner) {}

  execute({ caller, complaintId, body }: ReopenComplaintCommand): Promise<FollowUpOutcome> {
    return this.runner.person(caller, complaintId, 'ReopenComplaint', body, (at) => ({
      type: 'ReopenComplaint',
      by: caller.principal.userId,
      at,
      reason: body.reason,
      ...(body.note !== undefined && { note: body.note }),
      bySupervisor: caller.principal.roles.some((r) => SUPERVISING_ROLES.includes(r)),
    }));
  }
}
