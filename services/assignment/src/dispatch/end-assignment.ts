import type { AssignmentEndReason } from '@kesu/assignment-contracts';
import type { AssignmentState } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import { CLOCK } from '@kesu/platform';
import type { Clock, CommandResult } from '@kesu/ports';
import { ComplaintAssignments } from './complaint-assignments';
import { KeyedLocks } from './keyed-locks';

/** End a complaint's assignment: it was closed (follow-up) or withdrawn (intake). The reaction to those events. */
export class EndAssignmentCommand extends Command<CommandResult<AssignmentState> | undefined> {
  constructor(
    readonly cause: RecordedEvent,
    readonly why: AssignmentEndReason,
  ) {
    super();
  }
}

/**
 * Records AssignmentEnded and lets the complaint go from its holder's workload, so that it counts
 * no more against their capacity; nothing for a complaint never dispatched or ended already.
 */
@CommandHandler(EndAssignmentCommand)
export class EndAssignmentHandler implements ICommandHandler<EndAssignmentCommand> {
  constructor(
    private readonly assignments: ComplaintAssignments,
    private readonly locks: KeyedLocks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ cause, why }: EndAssignmentCommand): Promise<CommandResult<AssignmentState> | undefined> {
    const complaintId = cause.correlationId;
    return this.locks.run(`complaint:${complaintId}`, async () => {
      const from = await this.assignments.load(complaintId);
      if (from.state.status === 'unassigned' || from.state.status === 'ended') return undefined;
      const at = this.clock.now().toISOString();
      const command = { type: 'EndAssignment' as const, complaintId, why, at };
      return this.assignments.react(cause, { complaintId, branchId: cause.branchId }, from, command, null);
    });
  }
}
