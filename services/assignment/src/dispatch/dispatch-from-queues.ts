import { directoryStream, type StaffDirectory } from '@kesu/assignment-contracts';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE } from '@kesu/platform';
import type { Clock, DocumentStore } from '@kesu/ports';
import { QUEUE_ITEMS, type QueueItemDocument } from '../queues/queue.projection';
import { STAFF_DIRECTORY } from '../staff-directory';
import { ComplaintAssignments } from './complaint-assignments';
import { DISPATCH_ACTOR } from './dispatch-events';
import { KeyedLocks } from './keyed-locks';
import { Placements } from './placements';
import { RoutingPolicies } from './routing-policies';

/** How many waiting complaints one reaction looks at, in queue order (the next change looks again). */
export const QUEUE_BATCH = 50;

/**
 * Someone of the tenant may have room now (`cause`: a person added, changed or back on duty, a
 * department's head changed, or a workload let go of a complaint): take waiting complaints from the
 * tenant's queues. Resolves to how many were taken.
 */
export class DispatchFromQueuesCommand extends Command<number> {
  constructor(readonly cause: RecordedEvent) {
    super();
  }
}

/**
 * Looks at the tenant's complaints waiting because nobody was eligible (not those a handler returned:
 * a supervisor places those), in queue order, and places each again in its department at the level
 * it waits at — ComplaintAssigned with trigger `queue`, caused by the change. A complaint still with
 * nobody eligible stays, with no second alert; a redelivered change takes nothing twice.
 */
@CommandHandler(DispatchFromQueuesCommand)
export class DispatchFromQueuesHandler implements ICommandHandler<DispatchFromQueuesCommand> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly assignments: ComplaintAssignments,
    private readonly placements: Placements,
    private readonly policies: RoutingPolicies,
    private readonly locks: KeyedLocks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ cause }: DispatchFromQueuesCommand): Promise<number> {
    // a change of the directory, perhaps another process's: the people as they are after it
    if (cause.streamId === directoryStream(cause.tenantId))
      await this.directory.atLeast(cause.tenantId, cause.revision);
    const waiting = await this.documents
      .collection<QueueItemDocument>(QUEUE_ITEMS)
      .find(
        { tenantId: cause.tenantId, status: 'queued', queueReason: 'no_eligible_person' },
        { sort: { field: 'queueOrder', direction: 1 }, limit: QUEUE_BATCH },
      );
    let taken = 0;
    for (const item of waiting.items) if (await this.takeFromQueue(cause, item.complaintId)) taken++;
    return taken;
  }

  private takeFromQueue(cause: RecordedEvent, complaintId: string): Promise<boolean> {
    const tenantId = cause.tenantId;
    return this.locks.run(`complaint:${complaintId}`, async () => {
      const from = await this.assignments.load(complaintId);
      const { status, queueReason, complaint, departmentId, level, returnedBy } = from.state;
      if (status !== 'queued' || queueReason !== 'no_eligible_person') return false;
      if (!complaint || !departmentId || !level) return false;
      const policy = await this.policies.policyOf(tenantId);
      const route = await this.placements.queueRoute(tenantId, complaint, { departmentId, level }, policy);
      if (!route || route.people.length === 0) return false;
      const { branchId } = complaint;
      const workloadCause = { branchId, causationId: cause.eventId, actor: DISPATCH_ACTOR };
      const placement = await this.placements.place(
        tenantId,
        complaintId,
        complaint,
        route,
        policy,
        { returnedBy },
        workloadCause,
      );
      const chosen = placement.decision.chosen?.personId ?? null;
      if (chosen === null) return false;
      const at = this.clock.now().toISOString();
      const command = { type: 'DispatchFromQueue' as const, complaintId, complaint, placement, at };
      await this.assignments.react(cause, { complaintId, branchId }, from, command, chosen);
      return true;
    });
  }
}
