import type { StaffDirectory } from '@kesu/assignment-contracts';
import { assertAssigneeResponds } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { STAFF_DIRECTORY } from '../staff-directory';
import { type AssignmentActionOutcome, AssignmentActions } from './assignment-actions';
import type { ReturnAssignmentDto } from './assignment-actions.dto';

/** The assignee returns the complaint with a reason (退回): it waits in the department's queue. */
export class ReturnAssignmentCommand extends Command<AssignmentActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ReturnAssignmentDto,
  ) {
    super();
  }
}

/**
 * Records the return, puts the complaint in its department's queue with its head alerted, and lets
 * it go from the returner's workload; dispatch does not choose them for it again.
 */
@CommandHandler(ReturnAssignmentCommand)
export class ReturnAssignmentHandler implements ICommandHandler<ReturnAssignmentCommand> {
  constructor(
    private readonly actions: AssignmentActions,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
  ) {}

  execute({ caller, complaintId, body }: ReturnAssignmentCommand): Promise<AssignmentActionOutcome> {
    const { userId: by, tenantId } = caller.principal;
    return this.actions.run(caller, complaintId, 'ReturnAssignment', body, async (before, _record, at) => {
      assertAssigneeResponds(before, complaintId, by);
      const department = await this.directory.department(tenantId, before.departmentId!);
      const headId = department?.headId ?? null;
      return {
        command: { type: 'ReturnAssignment', complaintId, by, reason: body.reason, headId, at },
        taken: null,
      };
    });
  }
}
