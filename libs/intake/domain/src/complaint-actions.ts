import {
  type AppealDecidedData,
  type IntakeEvent,
  type IntakeStatus,
  type RecordCorrections,
  REJECTION_REASONS,
  type RejectionReason,
} from '@kesu/intake-contracts';
import { assertNever, DomainRuleViolation } from '@kesu/kernel';
import { type IntakeState } from './complaint';

// ---------------------------------------------------------------- vocabulary

export const APPEAL_OUTCOMES = [
  'upheld',
  'overturned',
] as const satisfies readonly AppealDecidedData['outcome'][];
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Reasons a person may give for a rejection; a complainant who gives up withdraws instead. */
export const MANUAL_REJECTION_REASONS = REJECTION_REASONS.filter(
  (reason): reason is Exclude<RejectionReason, 'withdrawn'> => reason !== 'withdrawn',
);

// ---------------------------------------------------------------- commands

/** The record was read back to the complainant (复述确认): confirmed as it stands, or corrected. */
export interface ConfirmRecord {
  readonly type: 'ConfirmRecord';
  readonly corrections?: RecordCorrections;
  readonly at: string;
}

export interface AcceptComplaint {
  readonly type: 'AcceptComplaint';
  readonly note?: string;
  readonly at: string;
}

export interface RejectComplaint {
  readonly type: 'RejectComplaint';
  readonly reason: RejectionReason;
  /** Sent to the customer. */
  readonly explanation: string;
  /** Decided by a rule rather than by a person (default false). */
  readonly automatic?: boolean;
  /** The user (id) who rejects it; none for an automatic rejection. */
  readonly rejectedBy?: string;
  readonly at: string;
}

export interface AppealRejection {
  readonly type: 'AppealRejection';
  readonly grounds: string;
  readonly at: string;
}

export interface DecideAppeal {
  readonly type: 'DecideAppeal';
  readonly outcome: AppealOutcome;
  /** Sent to the customer. */
  readonly explanation: string;
  /** The user (id) who decides: never the one who rejected the complaint (four-eyes principle). */
  readonly decidedBy: string;
  readonly at: string;
}

export interface WithdrawComplaint {
  readonly type: 'WithdrawComplaint';
  readonly reason: string;
  readonly at: string;
}

/** Records, on the open complaint, a later complaint merged into it as a duplicate. */
export interface LinkDuplicate {
  readonly type: 'LinkDuplicate';
  readonly duplicateComplaintId: string;
  readonly duplicateReference: string;
  readonly at: string;
}

/** What can be done to a complaint once intake has registered it. */
export type ComplaintAction =
  | ConfirmRecord
  | AcceptComplaint
  | RejectComplaint
  | AppealRejection
  | DecideAppeal
  | WithdrawComplaint
  | LinkDuplicate;

// ---------------------------------------------------------------- decide

export function decideComplaintAction(command: ComplaintAction, state: IntakeState): IntakeEvent[] {
  const complaintId = registeredId(state);
  switch (command.type) {
    case 'ConfirmRecord':
      return confirmRecord(command, state, complaintId);
    case 'AcceptComplaint':
      requireStatus(state, ['received'], 'accepted');
      return [
        {
          type: 'ComplaintAccepted',
          data: { complaintId, ...(command.note ? { note: command.note } : {}), acceptedAt: command.at },
        },
      ];
    case 'RejectComplaint':
      return rejectComplaint(command, state, complaintId);
    case 'AppealRejection':
      return appealRejection(command, state, complaintId);
    case 'DecideAppeal':
      return decideAppeal(command, state, complaintId);
    case 'WithdrawComplaint':
      return withdrawComplaint(command, state, complaintId);
    case 'LinkDuplicate':
      return linkDuplicate(command, state, complaintId);
    default:
      return assertNever(command);
  }
}

function confirmRecord(command: ConfirmRecord, state: IntakeState, complaintId: string): IntakeEvent[] {
  requireStatus(state, ['received', 'accepted'], 'confirmed or corrected');
  const corrections = definedFields(command.corrections ?? {});
  if (Object.keys(corrections).length === 0) {
    if (state.confirmed) return [];
    return [{ type: 'RecordConfirmed', data: { complaintId, confirmedAt: command.at } }];
  }
  const { occurredAt } = corrections;
  if (occurredAt && state.receivedAt && Date.parse(occurredAt) > Date.parse(state.receivedAt)) {
    throw new DomainRuleViolation(
      'complaint.occurred_in_future',
      'occurredAt lies after the complaint was received',
    );
  }
  return [{ type: 'RecordCorrected', data: { complaintId, corrections, correctedAt: command.at } }];
}

function rejectComplaint(command: RejectComplaint, state: IntakeState, complaintId: string): IntakeEvent[] {
  requireStatus(state, ['received'], 'rejected');
  if (command.reason === 'withdrawn' || !REJECTION_REASONS.includes(command.reason)) {
    throw new DomainRuleViolation(
      'complaint.rejection_reason_not_allowed',
      `"${command.reason}" is no reason to reject a complaint; a complainant who gives up withdraws it`,
    );
  }
  requireText(command.explanation, 'complaint.explanation_required', 'the explanation to the customer');
  return [
    {
      type: 'ComplaintRejected',
      data: {
        complaintId,
        reason: command.reason,
        explanation: command.explanation,
        automatic: command.automatic ?? false,
        ...(command.rejectedBy ? { rejectedBy: command.rejectedBy } : {}),
        rejectedAt: command.at,
      },
    },
  ];
}

function appealRejection(command: AppealRejection, state: IntakeState, complaintId: string): IntakeEvent[] {
  if (state.status === 'rejected' && state.appealed) {
    throw new DomainRuleViolation(
      'complaint.already_appealed',
      `the rejection of complaint ${state.reference} was already appealed and decided; it is final`,
    );
  }
  requireStatus(state, ['rejected'], 'appealed');
  if (state.rejectionReason === 'withdrawn') {
    throw new DomainRuleViolation(
      'complaint.appeal_not_allowed',
      `complaint ${state.reference} ended because it was withdrawn; there is nothing to appeal`,
    );
  }
  requireText(command.grounds, 'complaint.grounds_required', 'the grounds of the appeal');
  return [
    { type: 'RejectionAppealed', data: { complaintId, grounds: command.grounds, appealedAt: command.at } },
  ];
}

/**
 * Decides an appeal. Four-eyes principle: whoever rejected the complaint may not decide the appeal
 * against their own decision, whatever their role.
 */
function decideAppeal(command: DecideAppeal, state: IntakeState, complaintId: string): IntakeEvent[] {
  requireStatus(state, ['appealed'], 'decided on appeal');
  requireText(command.decidedBy, 'appeal.decider_required', 'who decides the appeal');
  if (state.rejectedBy !== undefined && state.rejectedBy === command.decidedBy) {
    throw new DomainRuleViolation(
      'appeal.same_person',
      `the appeal against the rejection of complaint ${state.reference} must be decided by someone ` +
        'other than the person who rejected it (four-eyes principle)',
    );
  }
  requireText(command.explanation, 'complaint.explanation_required', 'the explanation to the customer');
  return [
    {
      type: 'AppealDecided',
      data: {
        complaintId,
        outcome: command.outcome,
        explanation: command.explanation,
        decidedBy: command.decidedBy,
        decidedAt: command.at,
      },
    },
  ];
}

function withdrawComplaint(
  command: WithdrawComplaint,
  state: IntakeState,
  complaintId: string,
): IntakeEvent[] {
  if (state.status === 'rejected' && state.appealed) {
    throw new DomainRuleViolation(
      'complaint.transition_forbidden',
      `the rejection of complaint ${state.reference} is final; it can no longer be withdrawn`,
    );
  }
  requireStatus(state, ['received', 'accepted', 'rejected', 'appealed'], 'withdrawn');
  requireText(command.reason, 'complaint.reason_required', 'the reason for the withdrawal');
  return [
    { type: 'ComplaintWithdrawn', data: { complaintId, reason: command.reason, withdrawnAt: command.at } },
  ];
}

function linkDuplicate(command: LinkDuplicate, state: IntakeState, complaintId: string): IntakeEvent[] {
  if (command.duplicateComplaintId === complaintId) {
    throw new DomainRuleViolation(
      'complaint.duplicate_of_itself',
      `complaint ${state.reference} cannot be a duplicate of itself`,
    );
  }
  if (state.duplicates.includes(command.duplicateComplaintId)) return [];
  return [
    {
      type: 'DuplicateLinked',
      data: {
        complaintId,
        duplicateComplaintId: command.duplicateComplaintId,
        duplicateReference: command.duplicateReference,
        linkedAt: command.at,
      },
    },
  ];
}

// ---------------------------------------------------------------- rules

function registeredId(state: IntakeState): string {
  if (state.status === 'none' || !state.complaintId) {
    throw new DomainRuleViolation('complaint.not_registered', 'no complaint is registered under this id');
  }
  return state.complaintId;
}

function requireStatus(state: IntakeState, allowed: readonly IntakeStatus[], outcome: string): void {
  if (allowed.includes(state.status)) return;
  throw new DomainRuleViolation(
    'complaint.transition_forbidden',
    `complaint ${state.reference} is ${state.status}; it can be ${outcome} only while ${allowed.join(' or ')}`,
  );
}

function requireText(value: string, code: string, what: string): void {
  if (value.trim() === '') throw new DomainRuleViolation(code, `${what} must not be empty`);
}

function definedFields(corrections: RecordCorrections): RecordCorrections {
  return Object.fromEntries(
    Object.entries(corrections).filter(([, value]) => value !== undefined),
  ) as RecordCorrections;
}
