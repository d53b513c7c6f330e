import { assignmentStream } from '@kesu/assignment-contracts';
import {
  type AssignmentCommand,
  assignmentDecider,
  type AssignmentState,
  type AssignmentStatus,
} from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, EventTypeRegistry } from '@kesu/kernel';
import { type Caller, causationIdOf, Role, UserCommands } from '@kesu/platform';
import { StaleRevisionError } from '@kesu/ports';
import { ComplaintAssignments, type Settlement } from './complaint-assignments';
import { type ComplaintRecord, ComplaintRecords } from './complaint-record';
import { DISPATCH_EVENTS } from './dispatch-events';
import { KeyedLocks } from './keyed-locks';
import type { WorkloadCause } from './workloads';

/** Who may hold a complaint, and so accept, return or transfer one. */
export const HANDLING_ROLES = [Role.handler, Role.supervisor, Role.branchManager, Role.director, Role.admin];
/** Who supervises: assigns and reassigns, and transfers beyond a handler's limit. */
export const SUPERVISOR_ROLES = [Role.supervisor, Role.branchManager, Role.director, Role.admin];

/** Whether the caller supervises (a supervisor or above). */
export const supervises = (caller: Caller): boolean =>
  caller.principal.roles.some((role) => (SUPERVISOR_ROLES as string[]).includes(role));

/** The answer to a case-holder's action: where the complaint stands in dispatch and its stream's revision. */
export interface AssignmentActionResult {
  readonly complaintId: string;
  readonly status: AssignmentStatus;
  readonly revision: number;
}

export interface AssignmentActionOutcome {
  readonly result: AssignmentActionResult;
  /** The answer replays an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** What an action decides before it is recorded: the command, and whom it took the complaint onto. */
export interface PreparedAction {
  readonly command: AssignmentCommand;
  readonly taken: string | null;
}

/** Prepares an action on the assignment as it stands (`before`), the complaint's record, at the Clock's `at`. */
export type Prepare = (
  before: AssignmentState,
  record: ComplaintRecord,
  at: string,
  cause: WorkloadCause,
) => Promise<PreparedAction>;

/**
 * Runs a person's action on a complaint's assignment through `UserCommands`: 404 outside their tenant
 * and branch scope (the complaint's intake registration places it), a repeated Idempotency-Key
 * answered as it was, 412 for a stale If-Match — each checked before anyone's workload is touched —
 * then prepared (a transfer or a reassignment takes the complaint onto its new holder's workload),
 * decided by the assignment decider and recorded; the workloads it no longer uses are let go of.
 */
@Injectable()
export class AssignmentActions {
  constructor(
    private readonly commands: UserCommands,
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly assignments: ComplaintAssignments,
    private readonly records: ComplaintRecords,
    private readonly locks: KeyedLocks,
  ) {}

  run(
    caller: Caller,
    complaintId: string,
    action: string,
    input: object,
    prepare: Prepare,
  ): Promise<AssignmentActionOutcome> {
    return this.locks.run(`complaint:${complaintId}`, async () => {
      const streamId = assignmentStream(complaintId);
      const { principal } = caller;
      let settlement: Settlement | undefined;
      const command = async (at: string) => {
        const [before, record] = await Promise.all([
          this.assignments.load(complaintId),
          this.records.of(complaintId),
        ]);
        const expected = caller.expectedRevision;
        if (expected !== undefined && expected !== before.revision)
          throw new StaleRevisionError(
            streamId,
            expected,
            before.revision < 0 ? 'no_stream' : before.revision,
          );
        const cause: WorkloadCause = {
          branchId: record!.branchId,
          causationId: causationIdOf(caller, action, input),
          actor: { kind: 'user', id: principal.userId, roles: principal.roles },
        };
        const prepared = await prepare(before.state, record!, at, cause);
        settlement = {
          tenantId: principal.tenantId,
          complaintId,
          before: before.state,
          taken: prepared.taken,
          cause,
        };
        return prepared.command;
      };
      const record = () =>
        this.commands.execute<AssignmentCommand, DomainEvent, AssignmentState>({
          caller,
          streamId,
          scopeStreamId: intakeStream(complaintId),
          decider: assignmentDecider,
          registry: this.registry,
          action,
          input,
          command,
          notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
        });
      const handled = await this.recordGuarded(() => settlement, record);
      if (settlement && !handled.replayed) await this.assignments.settle(settlement, handled.state);
      return {
        result: { complaintId, status: handled.state.status, revision: handled.revision },
        replayed: handled.replayed,
      };
    });
  }

  /** Records; when that fails after the preparation took a workload, lets it go. */
  private async recordGuarded<T>(
    settlement: () => Settlement | undefined,
    record: () => Promise<T>,
  ): Promise<T> {
    try {
      return await record();
    } catch (error) {
      const prepared = settlement();
      if (prepared?.taken) return this.assignments.guarded(prepared, () => Promise.reject(error));
      throw error;
    }
  }
}
