import { type AssignmentState, reroutes } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import { CLOCK } from '@kesu/platform';
import type { Clock, CommandResult } from '@kesu/ports';
import { ComplaintAssignments } from './complaint-assignments';
import { ComplaintRecords } from './complaint-record';
import { DISPATCH_ACTOR } from './dispatch-events';
import { KeyedLocks } from './keyed-locks';
import { Placements } from './placements';
import { RoutingPolicies } from './routing-policies';

/** Classification's events after which a complaint dispatched already may route elsewhere. */
const NEW_CLASSIFICATIONS = ['ComplaintClassified', 'ComplaintReclassified'];

/**
 * Assign a complaint in reaction to `cause` (intake accepted it, an appeal overturned its rejection,
 * classification classified it): the reaction to each of those events.
 */
export class AssignComplaintCommand extends Command<CommandResult<AssignmentState> | undefined> {
  constructor(readonly cause: RecordedEvent) {
    super();
  }
}

/**
 * Dispatches a complaint once it is accepted for case work and classified, whichever comes last:
 * routes it by the tenant's rules, chooses the person and records ComplaintAssigned (or, with nobody
 * eligible, ComplaintQueued and DepartmentHeadAlerted), caused by the event. A new classification
 * of a complaint dispatched already routes it again while dispatch's own placement stands and nobody
 * accepted it (once accepted, escalation takes it up the chain). A redelivered event, a complaint not
 * ready yet, or one that stays where it is record nothing (undefined).
 */
@CommandHandler(AssignComplaintCommand)
export class AssignComplaintHandler implements ICommandHandler<AssignComplaintCommand> {
  constructor(
    private readonly records: ComplaintRecords,
    private readonly assignments: ComplaintAssignments,
    private readonly placements: Placements,
    private readonly policies: RoutingPolicies,
    private readonly locks: KeyedLocks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ cause }: AssignComplaintCommand): Promise<CommandResult<AssignmentState> | undefined> {
    const complaintId = cause.correlationId;
    return this.locks.run(`complaint:${complaintId}`, async () => {
      const record = await this.records.of(complaintId);
      if (!record?.accepted || !record.routed || record.tenantId !== cause.tenantId) return undefined;
      const from = await this.assignments.load(complaintId);
      const first = from.state.status === 'unassigned';
      if (!first && !(NEW_CLASSIFICATIONS.includes(cause.type) && from.state.automatic)) return undefined;
      const { tenantId, branchId, routed } = record;
      const policy = await this.policies.policyOf(tenantId);
      const route = await this.placements.route(tenantId, routed, record.categoryKind, policy);
      const moved = { departmentId: route.department.departmentId, level: route.level };
      if (!first && !reroutes(from.state, moved)) return undefined;
      const workloadCause = { branchId, causationId: cause.eventId, actor: DISPATCH_ACTOR };
      const exclusions = { returnedBy: from.state.returnedBy };
      const placement = await this.placements.place(
        tenantId,
        complaintId,
        routed,
        route,
        policy,
        exclusions,
        workloadCause,
      );
      const at = this.clock.now().toISOString();
      const type = first ? ('DispatchComplaint' as const) : ('RerouteComplaint' as const);
      const command = { type, complaintId, complaint: routed, placement, at };
      const taken = placement.decision.chosen?.personId ?? null;
      return this.assignments.react(cause, { complaintId, branchId }, from, command, taken);
    });
  }
}
