import type {
  AssignmentDecision,
  AssignmentEndReason,
  AssignmentLevel,
  AssignmentTrigger,
  DispatchEvent,
  RoutedComplaint,
} from '@kesu/assignment-contracts';
import {
  assertNever,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
  ForbiddenError,
} from '@kesu/kernel';
import { type AssignmentState, evolveAssignment, isHeld, unassigned } from './assignment';

// ---------------------------------------------------------------- commands

/** Where dispatch (or a supervisor) placed a complaint: with the decision's chosen person, or in the queue. */
export interface Placement {
  readonly departmentId: string;
  readonly level: AssignmentLevel;
  /** `chosen` is the assignee; null sends the complaint to the department's queue. */
  readonly decision: AssignmentDecision;
  /** The department's head, alerted when nobody was chosen. */
  readonly headId: string | null;
}

/** Who acts on a complaint, and whether they supervise (a supervisor or above: beyond a handler's limits). */
export interface Actor {
  readonly personId: string;
  readonly supervises: boolean;
}

/** The complaint is accepted and classified: place it for the first time. */
export interface DispatchComplaint {
  readonly type: 'DispatchComplaint';
  readonly complaintId: string;
  readonly complaint: RoutedComplaint;
  readonly placement: Placement;
  readonly at: string;
}

/** It was classified again and routes elsewhere: place it again while dispatch's own placement stands. */
export interface RerouteComplaint {
  readonly type: 'RerouteComplaint';
  readonly complaintId: string;
  readonly complaint: RoutedComplaint;
  readonly placement: Placement;
  readonly at: string;
}

/**
 * Someone came to have room for a complaint waiting in its department's queue: place it there again
 * (at the level it waits at). Nobody eligible still leaves it waiting, with no second alert.
 */
export interface DispatchFromQueue {
  readonly type: 'DispatchFromQueue';
  readonly complaintId: string;
  readonly complaint: RoutedComplaint;
  readonly placement: Placement;
  readonly at: string;
}

export interface AcceptAssignment {
  readonly type: 'AcceptAssignment';
  readonly complaintId: string;
  readonly by: string;
  readonly at: string;
}

export interface ReturnAssignment {
  readonly type: 'ReturnAssignment';
  readonly complaintId: string;
  readonly by: string;
  readonly reason: string;
  readonly headId: string | null;
  readonly at: string;
}

export interface TransferComplaint {
  readonly type: 'TransferComplaint';
  readonly complaintId: string;
  readonly by: Actor;
  readonly toDepartmentId: string;
  readonly reason: string;
  /** The tenant's limit (its policy's `maxTransfers`). */
  readonly maxTransfers: number;
  /** Where it lands in the other department. */
  readonly placement: Placement;
  readonly at: string;
}

/** A supervisor names the person (`placement.decision.chosen`), saying why. */
export interface ReassignComplaint {
  readonly type: 'ReassignComplaint';
  readonly complaintId: string;
  readonly by: string;
  readonly reason: string;
  readonly complaint: RoutedComplaint;
  readonly placement: Placement;
  readonly at: string;
}

export interface EndAssignment {
  readonly type: 'EndAssignment';
  readonly complaintId: string;
  readonly why: AssignmentEndReason;
  readonly at: string;
}

export type AssignmentCommand =
  | DispatchComplaint
  | RerouteComplaint
  | DispatchFromQueue
  | AcceptAssignment
  | ReturnAssignment
  | TransferComplaint
  | ReassignComplaint
  | EndAssignment;

// ---------------------------------------------------------------- rules a person's command must keep

const named = (state: AssignmentState, complaintId: string) => state.complaint?.reference ?? complaintId;

function refuse(code: string, message: string): never {
  throw new DomainRuleViolation(`assignment.${code}`, message);
}

/** A person may act on a complaint in dispatch only until it ended (409 `assignment.ended`). */
export function assertNotEnded(state: AssignmentState, complaintId: string): void {
  if (state.status === 'ended')
    refuse('ended', `complaint ${named(state, complaintId)} is closed or withdrawn`);
}

/**
 * Accepting and returning are the assignee's, while it is assigned and not yet accepted: 409 when it
 * is with nobody or accepted already, 403 for anyone but the assignee.
 */
export function assertAssigneeResponds(state: AssignmentState, complaintId: string, by: string): void {
  assertNotEnded(state, complaintId);
  if (!isHeld(state)) refuse('not_assigned', `complaint ${named(state, complaintId)} is with nobody`);
  if (state.assigneeId !== by)
    throw new ForbiddenError(
      'assignment.not_assignee',
      `complaint ${named(state, complaintId)} is not yours`,
    );
  if (state.status === 'accepted')
    refuse(
      'already_accepted',
      `complaint ${named(state, complaintId)} is accepted already: transfer it instead`,
    );
}

/**
 * A transfer is its holder's or a supervisor's (403 otherwise), to another department (409), and a
 * holder may make no more than the tenant's limit: beyond it a supervisor decides (409
 * `assignment.transfer_limit_reached`), so a complaint is not passed back and forth.
 */
export function assertCanTransfer(
  state: AssignmentState,
  complaintId: string,
  by: Actor,
  toDepartmentId: string,
  maxTransfers: number,
): void {
  assertNotEnded(state, complaintId);
  if (state.status === 'unassigned')
    refuse('not_dispatched', `complaint ${named(state, complaintId)} is not dispatched yet`);
  if (!by.supervises && !(isHeld(state) && state.assigneeId === by.personId))
    throw new ForbiddenError(
      'assignment.not_assignee',
      `complaint ${named(state, complaintId)} is not yours to transfer`,
    );
  if (state.departmentId === toDepartmentId)
    refuse('same_department', `complaint ${named(state, complaintId)} is with ${toDepartmentId} already`);
  if (!by.supervises && state.transfers >= maxTransfers)
    refuse(
      'transfer_limit_reached',
      `complaint ${named(state, complaintId)} was transferred ${state.transfers} times, the limit of ${maxTransfers}: a supervisor decides where it goes (return it if it is not yours)`,
    );
}

/** A reassignment names someone other than its holder (409 `assignment.already_assigned`). */
export function assertCanReassign(state: AssignmentState, complaintId: string, assigneeId: string): void {
  assertNotEnded(state, complaintId);
  if (isHeld(state) && state.assigneeId === assigneeId)
    refuse('already_assigned', `complaint ${named(state, complaintId)} is with ${assigneeId} already`);
}

// ---------------------------------------------------------------- decide

function placed(
  command: { complaintId: string; complaint: RoutedComplaint; placement: Placement; at: string },
  trigger: AssignmentTrigger,
  extra: { assignedBy: string; reason?: string } = { assignedBy: 'dispatch' },
): DispatchEvent[] {
  const { complaintId, complaint, placement, at } = command;
  const { departmentId, level, decision, headId } = placement;
  if (decision.chosen) {
    const data = {
      complaintId,
      departmentId,
      assigneeId: decision.chosen.personId,
      level,
      trigger,
      complaint,
      decision,
    };
    return [{ type: 'ComplaintAssigned', data: { ...data, ...extra, assignedAt: at } }];
  }
  const why = 'no_eligible_person' as const;
  return [
    {
      type: 'ComplaintQueued',
      data: { complaintId, departmentId, level, why, trigger, complaint, decision, queuedAt: at },
    },
    { type: 'DepartmentHeadAlerted', data: { complaintId, departmentId, headId, why, alertedAt: at } },
  ];
}

/** Whether a reclassified complaint may be placed again: dispatch's own placement, not yet accepted, elsewhere now. */
export function reroutes(
  state: AssignmentState,
  placement: Pick<Placement, 'departmentId' | 'level'>,
): boolean {
  const movable = state.automatic && (state.status === 'assigned' || state.status === 'queued');
  return movable && (state.departmentId !== placement.departmentId || state.level !== placement.level);
}

/** Whether a queued complaint is taken from its queue: still waiting there, and somebody chosen. */
export function takesFromQueue(
  state: AssignmentState,
  placement: Pick<Placement, 'departmentId' | 'decision'>,
): boolean {
  return (
    state.status === 'queued' &&
    state.departmentId === placement.departmentId &&
    placement.decision.chosen !== null
  );
}

export function decideAssignment(command: AssignmentCommand, state: AssignmentState): DispatchEvent[] {
  const { complaintId, at } = command;
  switch (command.type) {
    case 'DispatchComplaint':
      return state.status === 'unassigned' ? placed(command, 'dispatch') : [];
    case 'RerouteComplaint':
      return reroutes(state, command.placement) ? placed(command, 'reroute') : [];
    case 'DispatchFromQueue':
      return takesFromQueue(state, command.placement) ? placed(command, 'queue') : [];
    case 'AcceptAssignment': {
      assertAssigneeResponds(state, complaintId, command.by);
      const data = { complaintId, departmentId: state.departmentId!, assigneeId: command.by, acceptedAt: at };
      return [{ type: 'AssignmentAccepted', data }];
    }
    case 'ReturnAssignment': {
      assertAssigneeResponds(state, complaintId, command.by);
      const departmentId = state.departmentId!;
      const why = 'returned' as const;
      const queued = {
        complaintId,
        departmentId,
        level: state.level!,
        why,
        trigger: 'return' as const,
        complaint: state.complaint!,
      };
      return [
        {
          type: 'AssignmentReturned',
          data: { complaintId, departmentId, assigneeId: command.by, reason: command.reason, returnedAt: at },
        },
        { type: 'ComplaintQueued', data: { ...queued, queuedAt: at } },
        {
          type: 'DepartmentHeadAlerted',
          data: { complaintId, departmentId, headId: command.headId, why, alertedAt: at },
        },
      ];
    }
    case 'TransferComplaint': {
      const { by, toDepartmentId, reason, maxTransfers } = command;
      assertCanTransfer(state, complaintId, by, toDepartmentId, maxTransfers);
      const transfers = state.transfers + 1;
      const moved = {
        complaintId,
        fromDepartmentId: state.departmentId!,
        toDepartmentId,
        reason,
        transferredBy: by.personId,
      };
      return [
        { type: 'ComplaintTransferred', data: { ...moved, transfers, transferredAt: at } },
        ...placed({ ...command, complaint: state.complaint! }, 'transfer'),
      ];
    }
    case 'ReassignComplaint': {
      const chosen = command.placement.decision.chosen;
      if (!chosen) return refuse('nobody_named', 'a reassignment names the person');
      assertCanReassign(state, complaintId, chosen.personId);
      return placed(command, 'reassignment', { assignedBy: command.by, reason: command.reason });
    }
    case 'EndAssignment': {
      if (state.status === 'unassigned' || state.status === 'ended') return [];
      const data = {
        complaintId,
        departmentId: state.departmentId!,
        assigneeId: state.assigneeId,
        why: command.why,
        endedAt: at,
      };
      return [{ type: 'AssignmentEnded', data }];
    }
    default:
      return assertNever(command);
  }
}

/**
 * A complaint's assignment: dispatch, acceptance, returns, transfers, reassignment and the end. It
 * folds the whole assignment stream of the complaint, whose other events (escalation's) it passes over.
 */
export const assignmentDecider: Decider<AssignmentCommand, DomainEvent, AssignmentState> = {
  decide: decideAssignment,
  evolve: evolveAssignment,
  initialState: unassigned,
};
