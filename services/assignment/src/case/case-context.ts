import { Inject, Injectable } from '@nestjs/common';
import { assignmentStream, type StaffDirectory } from '@kesu/assignment-contracts';
import {
  type AssignmentState,
  type CaseActor,
  type CaseDispatchStatus,
  evolveAssignment,
  type TierHolders,
  unassigned,
} from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import type { ApprovalTier } from '@kesu/assignment-contracts';
import type { DomainEvent, EventTypeRegistry } from '@kesu/kernel';
import { EVENT_STORE, type Principal, Role } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { EscalationChains } from '../escalation/escalation-chains';
import { STAFF_DIRECTORY } from '../staff-directory';
import { CASE_EVENTS } from './case-events';

/** What a person's case command needs of dispatch and the directory. */
export interface CaseContext {
  readonly tenantId: string;
  readonly branchId: string;
  readonly departmentId: string | null;
  readonly assigneeId: string | null;
  readonly dispatch: CaseDispatchStatus;
  /** Who holds each approval tier over the case. */
  readonly holders: TierHolders;
}

/**
 * Reads a complaint's dispatch (its assignment stream: assignee, department, status) and the org chain
 * above it (the head of its department, the branch manager, the general manager at headquarters), and
 * places a person on the case: whether they work it and which approval tiers they hold over it.
 */
@Injectable()
export class CaseContexts {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly chains: EscalationChains,
  ) {}

  async of(tenantId: string, complaintId: string): Promise<CaseContext> {
    const [[received], events] = await Promise.all([
      this.store.readStream(intakeStream(complaintId), { maxCount: 1 }),
      this.store.readStream(assignmentStream(complaintId)),
    ]);
    const state = events
      .map((e) => this.registry.toDomain<DomainEvent>(e))
      .reduce<AssignmentState>(evolveAssignment, unassigned());
    const branchId = received?.branchId ?? '';
    const department = state.departmentId
      ? await this.directory.department(tenantId, state.departmentId)
      : undefined;
    const [branch, hq] = await Promise.all([
      this.chains.unitAbove(tenantId, branchId, 'branch'),
      this.chains.unitAbove(tenantId, branchId, 'headquarters'),
    ]);
    const [manager, general] = await Promise.all([
      branch ? this.chains.holderIn(tenantId, branch.unitId, Role.branchManager) : null,
      hq ? this.chains.holderIn(tenantId, hq.unitId, Role.director) : null,
    ]);
    return {
      tenantId,
      branchId,
      departmentId: state.departmentId,
      assigneeId: state.assigneeId,
      dispatch: state.status,
      holders: {
        department_head: department?.headId ?? null,
        branch_manager: manager?.personId ?? null,
        general_manager: general?.personId ?? null,
      },
    };
  }

  /** The person on the case: the assignee works it; so do the heads and managers above them. */
  actorOf(principal: Principal, context: CaseContext): CaseActor {
    const { userId, roles } = principal;
    const tiers: ApprovalTier[] = [];
    if (userId === context.assigneeId) tiers.push('handler');
    if (userId === context.holders.department_head) tiers.push('department_head');
    if (roles.includes(Role.branchManager)) tiers.push('branch_manager');
    if (roles.includes(Role.director)) tiers.push('general_manager');
    const works = tiers.length > 0 || roles.includes(Role.supervisor);
    return { personId: userId, works, tiers };
  }
}
