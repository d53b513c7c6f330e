import { assignmentStream } from '@kesu/assignment-contracts';
import {
  type AssignmentCommand,
  assignmentDecider,
  type AssignmentState,
  isHeld,
} from '@kesu/assignment-domain';
import { Inject, Injectable } from '@nestjs/common';
import { type DomainEvent, type EventTypeRegistry, fold, type RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand, type KnownState } from '@kesu/ports';
import { DISPATCH_ACTOR, DISPATCH_EVENTS } from './dispatch-events';
import { type WorkloadCause, Workloads } from './workloads';

/** What a command on a complaint's assignment changes in people's workloads, besides its own stream. */
export interface Settlement {
  readonly tenantId: string;
  readonly complaintId: string;
  /** The assignment before the command (undefined: not known, a replayed request). */
  readonly before: AssignmentState | undefined;
  /** The person the command took the complaint onto (null: nobody). */
  readonly taken: string | null;
  readonly cause: WorkloadCause;
}

/**
 * Complaints' assignment streams (`assignment-complaint-<id>`): reads them, records dispatch's own
 * decisions in reaction to other services' events, and keeps people's workloads in step with who
 * holds each complaint — the workload is taken before the complaint's event is recorded (so that
 * capacity holds), and let go of after it (the previous holder's, or a take the event did not use).
 */
@Injectable()
export class ComplaintAssignments {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly workloads: Workloads,
  ) {}

  /** The complaint's assignment as stored, and its stream's revision (-1: none yet). */
  async load(complaintId: string): Promise<KnownState<AssignmentState>> {
    const stored = await this.store.readStream(assignmentStream(complaintId));
    const state = fold(
      assignmentDecider,
      stored.map((e) => this.registry.toDomain<DomainEvent>(e)),
    );
    return { state, revision: stored.length - 1, position: stored.at(-1)?.globalPosition ?? 0 };
  }

  /**
   * Records dispatch's decision about a complaint in reaction to `cause` (caused by it; the complaint's
   * correlation and branch), decided on `from` (read by `load`), then settles the workloads.
   */
  async react(
    cause: RecordedEvent,
    place: { readonly complaintId: string; readonly branchId: string },
    from: KnownState<AssignmentState>,
    command: AssignmentCommand,
    taken: string | null,
  ): Promise<CommandResult<AssignmentState>> {
    const metadata = {
      ...reactionMetadata(cause, DISPATCH_ACTOR, this.clock),
      correlationId: place.complaintId,
      branchId: place.branchId,
    };
    const settlement: Settlement = {
      tenantId: cause.tenantId,
      complaintId: place.complaintId,
      before: from.state,
      taken,
      cause: { branchId: place.branchId, causationId: cause.eventId, actor: DISPATCH_ACTOR },
    };
    const result = await this.guarded(settlement, () =>
      handleCommand(
        this.store,
        this.registry,
        assignmentDecider,
        assignmentStream(place.complaintId),
        command,
        metadata,
        {
          from,
        },
      ),
    );
    await this.settle(settlement, result.state);
    return result;
  }

  /** Runs the recording; when it fails, lets go of the workload it took (nobody holds the complaint by it). */
  async guarded<T>(settlement: Settlement, record: () => Promise<T>): Promise<T> {
    try {
      return await record();
    } catch (error) {
      if (settlement.taken)
        await this.settle(
          { ...settlement, before: undefined },
          (await this.load(settlement.complaintId)).state,
        );
      throw error;
    }
  }

  /** Lets go of the workloads the complaint's holder `after` the command no longer uses. */
  async settle(settlement: Settlement, after: AssignmentState): Promise<void> {
    const { tenantId, complaintId, before, taken, cause } = settlement;
    const holder = isHeld(after) ? after.assigneeId : null;
    const previous = before && isHeld(before) ? before.assigneeId : null;
    for (const personId of new Set([previous, taken]))
      if (personId && personId !== holder)
        await this.workloads.release(tenantId, personId, complaintId, cause);
  }
}
