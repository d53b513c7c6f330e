import type {
  ApprovalRoute,
  CaseEvent,
  CaseOutcome,
  CaseWaitingReason,
  ProposedRemedy,
  ReferralTarget,
  ResolvedRemedy,
  Responsibility,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- state of a case

/**
 * The stages of a case, in the order the seeds work them: investigated, a finding recorded, a
 * proposal awaiting approval (rejected or approved), negotiated with the customer, agreed (or
 * referred to mediation or court), the remedies executed, resolved. A reopened case is investigated
 * again.
 */
export const CASE_STAGES = [
  'investigating',
  'finding_recorded',
  'awaiting_approval',
  'proposal_rejected',
  'proposal_approved',
  'negotiating',
  'agreed',
  'referred',
  'executed',
  'resolved',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Where the round with the customer stands: an offer out, countered, declined. */
export type NegotiationState = 'offered' | 'countered' | 'declined';

/** The case's current proposal. */
export interface CaseProposal {
  readonly proposalId: string;
  readonly version: number;
  readonly remedies: readonly ProposedRemedy[];
  readonly rationale: string;
  readonly proposedBy: string;
  readonly approval: ApprovalRoute;
  readonly status: 'awaiting_approval' | 'approved' | 'rejected';
}

export interface CaseFinding {
  readonly rootCause: string;
  readonly responsibility: Responsibility;
}

export interface CaseState {
  readonly stage: CaseStage;
  /** What the case waits on (the SLA clocks pause), or null. */
  readonly waiting: CaseWaitingReason | null;
  readonly planned: boolean;
  readonly finding: CaseFinding | null;
  readonly proposal: CaseProposal | null;
  /** Negotiation rounds so far (offers made). */
  readonly round: number;
  readonly negotiation: NegotiationState | null;
  readonly declines: number;
  readonly referral: ReferralTarget | null;
  readonly executed: readonly ResolvedRemedy[];
  readonly outcome: CaseOutcome | null;
  readonly reopened: number;
}

export const initialCaseState = (): CaseState => ({
  stage: 'investigating',
  waiting: null,
  planned: false,
  finding: null,
  proposal: null,
  round: 0,
  negotiation: null,
  declines: 0,
  referral: null,
  executed: [],
  outcome: null,
  reopened: 0,
});

/** Folds one event of a case stream into its state. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CustomerContacted':
    case 'CaseNoteAdded':
    case 'EvidenceAdded':
      return state;
    case 'InvestigationPlanned':
      return { ...state, planned: true };
    case 'CaseWaitingStarted':
      return { ...state, waiting: event.data.reason };
    case 'CaseWaitingEnded':
      return { ...state, waiting: null };
    case 'FindingRecorded': {
      const { rootCause, responsibility } = event.data;
      return { ...state, stage: 'finding_recorded', finding: { rootCause, responsibility } };
    }
    case 'ProposalSubmitted':
    case 'ProposalRevised': {
      const { proposalId, version, remedies, rationale, proposedBy, approval } = event.data;
      const status = approval.required ? 'awaiting_approval' : 'approved';
      return {
        ...state,
        stage: approval.required ? 'awaiting_approval' : 'proposal_approved',
        proposal: { proposalId, version, remedies, rationale, proposedBy, approval, status },
      };
    }
    case 'ProposalForwarded':
      return { ...state, proposal: state.proposal && { ...state.proposal, approval: event.data.approval } };
    case 'ProposalApproved':
      return { ...state, stage: 'proposal_approved', proposal: withStatus(state.proposal, 'approved') };
    case 'ProposalRejected':
      return { ...state, stage: 'proposal_rejected', proposal: withStatus(state.proposal, 'rejected') };
    case 'OfferMade':
      return { ...state, stage: 'negotiating', round: event.data.round, negotiation: 'offered' };
    case 'CustomerResponded':
      return responded(state, event.data.response);
    case 'CaseReferred':
      return { ...state, stage: 'referred', referral: event.data.to, negotiation: null };
    case 'RemediesExecuted':
      return { ...state, stage: 'executed', executed: event.data.remedies };
    case 'ComplaintResolved':
      return { ...state, stage: 'resolved', waiting: null, outcome: event.data.outcome };
    case 'CaseReopened':
      return { ...initialCaseState(), planned: state.planned, reopened: state.reopened + 1 };
    default:
      return assertNever(event);
  }
}

function responded(state: CaseState, response: 'counter_offer' | 'accepted' | 'declined'): CaseState {
  switch (response) {
    case 'accepted':
      return { ...state, stage: 'agreed', negotiation: null };
    case 'declined':
      return { ...state, negotiation: 'declined', declines: state.declines + 1 };
    case 'counter_offer':
      return { ...state, negotiation: 'countered' };
    default:
      return assertNever(response);
  }
}

function withStatus(proposal: CaseProposal | null, status: CaseProposal['status']): CaseProposal | null {
  return proposal ? { ...proposal, status } : null;
}
