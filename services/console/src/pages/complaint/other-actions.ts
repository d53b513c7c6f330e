import { type ActionSpec, withoutBlanks } from './action-spec';

/** Intake's decision on a received complaint (受理 / 不予受理). */
export const INTAKE_ACTIONS: readonly ActionSpec[] = [
  { key: 'accept', path: 'accept', revision: 'intake', fields: [{ name: 'note', kind: 'textarea' }] },
  {
    key: 'reject',
    path: 'reject',
    revision: 'intake',
    danger: true,
    fields: [
      {
        name: 'reason',
        kind: 'select',
        required: true,
        options: ['not_in_scope', 'duplicate', 'resolved_elsewhere', 'no_factual_basis', 'false_information'],
      },
      { name: 'explanation', kind: 'textarea', required: true },
    ],
  },
];

/** Dispatch: taking an assignment, handing it back, and a manager's reassignment or transfer. */
export const ASSIGNMENT_ACTIONS: Readonly<Record<string, ActionSpec>> = {
  accept_assignment: { key: 'accept_assignment', path: 'assignment/accept', revision: 'none', fields: [] },
  return_assignment: {
    key: 'return_assignment',
    path: 'assignment/return',
    revision: 'none',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
  },
  assign: {
    key: 'assign',
    path: 'assign',
    revision: 'none',
    fields: [
      { name: 'assigneeId', kind: 'text', required: true },
      { name: 'departmentId', kind: 'text' },
      { name: 'reason', kind: 'textarea', required: true },
    ],
  },
  transfer: {
    key: 'transfer',
    path: 'transfer',
    revision: 'none',
    fields: [
      { name: 'departmentId', kind: 'text', required: true },
      { name: 'reason', kind: 'textarea', required: true },
    ],
  },
  escalate: {
    key: 'escalate',
    path: 'escalate',
    revision: 'none',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
  },
};

/** Follow-up after resolution: the callback (回访), reopening, re-review (复查) and closing (结案). */
export const FOLLOW_UP_ACTIONS: readonly ActionSpec[] = [
  {
    key: 'callback',
    path: 'surveys',
    revision: 'none',
    fields: [
      { name: 'reached', kind: 'boolean' },
      { name: 'satisfaction', kind: 'select', options: ['satisfied', 'basically_satisfied', 'unsatisfied'] },
      { name: 'score', kind: 'number' },
      { name: 'remedyReceived', kind: 'boolean' },
      { name: 'comment', kind: 'textarea' },
      { name: 'note', kind: 'textarea' },
    ],
    initial: () => ({ reached: true, satisfaction: 'satisfied', remedyReceived: true }),
    body: (v) => {
      const reached = v.reached === true;
      const answer = withoutBlanks({
        satisfaction: v.satisfaction,
        score: v.score,
        comment: v.comment,
        remedyReceived: v.remedyReceived === true,
      });
      return withoutBlanks({ reached, note: v.note, answer: reached && v.satisfaction ? answer : undefined });
    },
  },
  {
    key: 'reopen',
    path: 'reopen',
    revision: 'none',
    fields: [
      {
        name: 'reason',
        kind: 'select',
        required: true,
        options: ['unsatisfied', 'remedy_not_received', 'supervisor_decision'],
      },
      { name: 'note', kind: 'textarea' },
    ],
  },
  {
    key: 'review_request',
    path: 'review-requests',
    revision: 'none',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
  },
  {
    key: 'review_decision',
    path: 'review-decision',
    revision: 'none',
    fields: [
      { name: 'outcome', kind: 'select', required: true, options: ['upheld', 'changed'] },
      { name: 'explanation', kind: 'textarea', required: true },
    ],
  },
  {
    key: 'close',
    path: 'close',
    revision: 'none',
    fields: [
      {
        name: 'outcome',
        kind: 'select',
        required: true,
        options: ['resolved', 'partially_resolved', 'unresolved'],
      },
      { name: 'summary', kind: 'textarea' },
    ],
  },
];
