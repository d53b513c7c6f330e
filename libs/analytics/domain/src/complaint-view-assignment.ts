import type { AssignmentLevel, DispatchEvent } from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';
import type { ComplaintView } from './complaint-view';

// ---------------------------------------------------------------- the fold of dispatch's events

/**
 * Who holds the complaint (api.md `assignment`): the department and the named person (null while it
 * waits in the department's queue), the level, whether they accepted it, the transfers so far, and
 * where it stands in dispatch.
 */
export interface AssignmentView {
  readonly departmentId: string | null;
  readonly assigneeId: string | null;
  readonly level: AssignmentLevel | null;
  readonly status: 'queued' | 'assigned' | 'accepted' | 'ended';
  readonly accepted: boolean;
  readonly transfers: number;
  /** When it was last placed (assigned or queued). */
  readonly placedAt: string | null;
}

/** Dispatch's events the view folds (the head's alert changes nothing it shows). */
export const ASSIGNMENT_TYPES: readonly DispatchEvent['type'][] = [
  'ComplaintAssigned',
  'ComplaintQueued',
  'DepartmentHeadAlerted',
  'AssignmentAccepted',
  'AssignmentReturned',
  'ComplaintTransferred',
  'AssignmentEnded',
];

const NOBODY: AssignmentView = {
  departmentId: null,
  assigneeId: null,
  level: null,
  status: 'queued',
  accepted: false,
  transfers: 0,
  placedAt: null,
};

/** A dispatch event of the complaint. */
export function applyAssignment(view: ComplaintView, event: DispatchEvent): ComplaintView {
  const current = view.assignment ?? NOBODY;
  const next = (assignment: AssignmentView): ComplaintView => ({ ...view, assignment });
  switch (event.type) {
    case 'ComplaintAssigned': {
      const { departmentId, assigneeId, level, assignedAt } = event.data;
      return next({
        ...current,
        departmentId,
        assigneeId,
        level,
        status: 'assigned',
        accepted: false,
        placedAt: assignedAt,
      });
    }
    case 'ComplaintQueued': {
      const { departmentId, level, queuedAt } = event.data;
      const queued = { departmentId, assigneeId: null, level, status: 'queued' as const, accepted: false };
      return next({ ...current, ...queued, placedAt: queuedAt });
    }
    case 'AssignmentAccepted':
      return next({ ...current, status: 'accepted', accepted: true });
    case 'ComplaintTransferred':
      return next({ ...current, transfers: event.data.transfers });
    case 'AssignmentEnded':
      return next({ ...current, status: 'ended' });
    case 'DepartmentHeadAlerted':
    case 'AssignmentReturned':
      return view;
    default:
      return assertNever(event);
  }
}
