import type {
  ApprovalTier,
  ProposalForwardedData,
  ProposalSubmittedData,
  RemedyType,
} from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';

/** One proposal awaiting approval, as the approvers' inboxes list it (no complainant, no text). */
export interface ApprovalItem {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly proposalId: string;
  readonly version: number;
  /** The tier whose turn it is. */
  readonly tier: ApprovalTier;
  /** Whose turn it is (null: those holding the tier's role in the branch). */
  readonly approverId: string | null;
  /** The lowest tier whose limit covers it. */
  readonly requiredTier: ApprovalTier;
  readonly remedyTypes: readonly RemedyType[];
  /** The money the proposal moves, in `currency` (0 when none). */
  readonly amount: number;
  readonly currency: string | null;
  readonly proposedBy: string;
  readonly proposedAt: string;
}

/** The case events an inbox folds. */
export const APPROVAL_ITEM_TYPES = [
  'ProposalSubmitted',
  'ProposalRevised',
  'ProposalApproved',
  'ProposalRejected',
  'ProposalForwarded',
  'CaseReopened',
] as const;

/**
 * A complaint's entry in the approvals inbox: there while its proposal awaits approval, in the inbox
 * of whoever's turn it is — moving up the chain as it is forwarded —, gone once it is approved,
 * rejected or the case reopened (null deletes it).
 */
export function evolveApprovalItem(doc: ApprovalItem | null, event: RecordedEvent): ApprovalItem | null {
  if (event.type === 'ProposalForwarded') {
    const { tier, approverId } = (event.data as ProposalForwardedData).approval;
    return doc && { ...doc, tier, approverId };
  }
  if (event.type !== 'ProposalSubmitted' && event.type !== 'ProposalRevised') return null;
  const data = event.data as ProposalSubmittedData;
  if (!data.approval.required) return null;
  const money = data.remedies.filter((r) => r.amount !== undefined);
  return {
    _id: data.complaintId,
    complaintId: data.complaintId,
    tenantId: event.tenantId,
    branchId: event.branchId,
    proposalId: data.proposalId,
    version: data.version,
    tier: data.approval.tier,
    approverId: data.approval.approverId,
    requiredTier: data.approval.requiredTier ?? data.approval.tier,
    remedyTypes: data.remedies.map((r) => r.type),
    amount: money.reduce((sum, r) => sum + r.amount!, 0),
    currency: money[0]?.currency ?? null,
    proposedBy: data.proposedBy,
    proposedAt: data.proposedAt,
  };
}
