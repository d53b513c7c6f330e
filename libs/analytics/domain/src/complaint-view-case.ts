import {
  type ApprovalTier,
  type CaseEvent,
  caseEventTypes,
  type CaseOutcome,
  type CaseWaitingReason,
  caseWorkEventTypes,
  type RemedyType,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';
import type { ComplaintView } from './complaint-view';

// ---------------------------------------------------------------- the fold of case work's events

/** Where case work has a complaint, as its view's `status` says it once the work began. */
export const CASE_STATUSES = [
  'investigating',
  'awaiting_approval',
  'negotiating',
  'executing',
  'referred',
  'resolved',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The open proposal: what it moves and who must approve it. */
export interface CaseProposalView {
  readonly proposalId: string;
  readonly version: number;
  readonly remedyTypes: readonly RemedyType[];
  readonly amount: number;
  readonly currency: string | null;
  readonly status: 'awaiting_approval' | 'approved' | 'rejected';
  /** The tier whose turn it is to approve it now (or the proposer's, when within their own authority). */
  readonly tier: ApprovalTier;
  /** Who must approve it now (null: those holding the tier's role in the branch). */
  readonly approverId: string | null;
  /** The lowest tier whose limit covers it: the chain climbs until one at or above it approves. */
  readonly requiredTier: ApprovalTier;
}

/** The case work on the complaint: its stage, what it waits on, the proposal, the resolution. */
export interface CaseView {
  readonly stage: string;
  readonly waiting: CaseWaitingReason | null;
  readonly proposal: CaseProposalView | null;
  readonly negotiationRounds: number;
  readonly resolution: {
    readonly outcome: CaseOutcome;
    readonly summary: string;
    readonly resolvedAt: string;
  } | null;
}

/** Case work's events the view folds. */
export const CASE_TYPES: readonly string[] = [...caseEventTypes, ...caseWorkEventTypes].map((e) => e.type);

const STARTED: CaseView = {
  stage: 'investigating',
  waiting: null,
  proposal: null,
  negotiationRounds: 0,
  resolution: null,
};

const STATUS_OF_STAGE: Readonly<Record<string, CaseStatus>> = {
  investigating: 'investigating',
  finding_recorded: 'investigating',
  proposal_rejected: 'investigating',
  awaiting_approval: 'awaiting_approval',
  proposal_approved: 'negotiating',
  negotiating: 'negotiating',
  agreed: 'executing',
  executed: 'executing',
  referred: 'referred',
  resolved: 'resolved',
};

/** A case event of the complaint: its `case`, and its `status` from the case's stage. */
export function applyCase(view: ComplaintView, event: CaseEvent): ComplaintView {
  const current = view.case ?? STARTED;
  const next = nextCase(current, event);
  return { ...view, case: next, status: STATUS_OF_STAGE[next.stage] ?? view.status };
}

function withProposal(current: CaseView, status: CaseProposalView['status'], stage: string): CaseView {
  return { ...current, stage, proposal: current.proposal && { ...current.proposal, status } };
}

function nextCase(current: CaseView, event: CaseEvent): CaseView {
  switch (event.type) {
    case 'CustomerContacted':
    case 'CaseNoteAdded':
    case 'EvidenceAdded':
    case 'InvestigationPlanned':
      return current;
    case 'CaseWaitingStarted':
      return { ...current, waiting: event.data.reason };
    case 'CaseWaitingEnded':
      return { ...current, waiting: null };
    case 'FindingRecorded':
      return { ...current, stage: 'finding_recorded' };
    case 'ProposalSubmitted':
    case 'ProposalRevised': {
      const { proposalId, version, remedies, approval } = event.data;
      const money = remedies.filter((r) => r.amount !== undefined);
      const status = approval.required ? 'awaiting_approval' : 'approved';
      return {
        ...current,
        stage: approval.required ? 'awaiting_approval' : 'proposal_approved',
        proposal: {
          proposalId,
          version,
          remedyTypes: remedies.map((r) => r.type),
          amount: money.reduce((sum, r) => sum + (r.amount ?? 0), 0),
          currency: money[0]?.currency ?? null,
          status,
          tier: approval.tier,
          approverId: approval.approverId,
          requiredTier: approval.requiredTier ?? approval.tier,
        },
      };
    }
    case 'ProposalForwarded': {
      const { tier, approverId } = event.data.approval;
      return { ...current, proposal: current.proposal && { ...current.proposal, tier, approverId } };
    }
    case 'ProposalApproved':
      return withProposal(current, 'approved', 'proposal_approved');
    case 'ProposalRejected':
      return withProposal(current, 'rejected', 'proposal_rejected');
    case 'OfferMade':
      return { ...current, stage: 'negotiating', negotiationRounds: event.data.round };
    case 'CustomerResponded':
      return event.data.response === 'accepted' ? { ...current, stage: 'agreed' } : current;
    case 'CaseReferred':
      return { ...current, stage: 'referred' };
    case 'RemediesExecuted':
      return { ...current, stage: 'executed' };
    case 'ComplaintResolved': {
      const { outcome, summary, resolvedAt } = event.data;
      return { ...current, stage: 'resolved', waiting: null, resolution: { outcome, summary, resolvedAt } };
    }
    case 'CaseReopened':
      return { ...STARTED };
    default:
      return assertNever(event);
  }
}
