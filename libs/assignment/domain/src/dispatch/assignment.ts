import {
  type AssignmentLevel,
  type DispatchEvent,
  dispatchEventTypes,
  type QueueReason,
  type RoutedComplaint,
} from '@kesu/assignment-contracts';
import { assertNever, type DomainEvent } from '@kesu/kernel';

// ---------------------------------------------------------------- state of a complaint's assignment

/**
 * Where a complaint stands in dispatch: not yet dispatched; waiting in a department's queue; with a
 * named person who has not accepted it yet; accepted by them; ended (closed or withdrawn).
 */
export const ASSIGNMENT_STATUSES = ['unassigned', 'queued', 'assigned', 'accepted', 'ended'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface AssignmentState {
  readonly status: AssignmentStatus;
  /** The complaint as last routed. */
  readonly complaint: RoutedComplaint | null;
  readonly departmentId: string | null;
  readonly assigneeId: string | null;
  readonly level: AssignmentLevel | null;
  readonly queueReason: QueueReason | null;
  /** Transfers to another department so far. */
  readonly transfers: number;
  /** Who returned it: dispatch does not choose them for it again. */
  readonly returnedBy: readonly string[];
  /** Where it is was dispatch's own decision (not a person's): a new classification may route it again. */
  readonly automatic: boolean;
}

export const unassigned = (): AssignmentState => ({
  status: 'unassigned',
  complaint: null,
  departmentId: null,
  assigneeId: null,
  level: null,
  queueReason: null,
  transfers: 0,
  returnedBy: [],
  automatic: false,
});

/** Whether the complaint is with someone: assigned or accepted. */
export const isHeld = (state: AssignmentState): boolean =>
  state.status === 'assigned' || state.status === 'accepted';

const DISPATCH_TYPES: ReadonlySet<string> = new Set(dispatchEventTypes.map((e) => e.type));

/** Whether an event of a complaint's assignment stream is dispatch's (escalation records there too). */
export const isDispatchEvent = (event: DomainEvent): event is DispatchEvent => DISPATCH_TYPES.has(event.type);

/** Folds a dispatch event into the state; the stream's other events (escalation's) leave it as it is. */
export function evolveAssignment(state: AssignmentState, event: DomainEvent): AssignmentState {
  if (!isDispatchEvent(event)) return state;
  switch (event.type) {
    case 'ComplaintAssigned': {
      const { complaint, departmentId, assigneeId, level, trigger } = event.data;
      return {
        ...state,
        status: 'assigned',
        complaint,
        departmentId,
        assigneeId,
        level,
        queueReason: null,
        automatic: trigger === 'dispatch' || trigger === 'reroute' || trigger === 'queue',
      };
    }
    case 'ComplaintQueued': {
      const { complaint, departmentId, level, why, trigger } = event.data;
      return {
        ...state,
        status: 'queued',
        complaint,
        departmentId,
        assigneeId: null,
        level,
        queueReason: why,
        automatic: why === 'no_eligible_person' && (trigger === 'dispatch' || trigger === 'reroute'),
      };
    }
    case 'DepartmentHeadAlerted':
      return state;
    case 'AssignmentAccepted':
      return { ...state, status: 'accepted' };
    case 'AssignmentReturned':
      return { ...state, returnedBy: [...new Set([...state.returnedBy, event.data.assigneeId])] };
    case 'ComplaintTransferred':
      return { ...state, transfers: event.data.transfers, departmentId: event.data.toDepartmentId };
    case 'AssignmentEnded':
      return { ...state, status: 'ended' };
    default:
      return assertNever(event);
  }
}
