import type {
  ApprovalTier,
  CaseSettings,
  CaseWaitingReason,
  ContactChannel,
  CustomerResponse,
  EvidenceFile,
  EvidenceReferenceType,
  ProposedRemedy,
  ReferralTarget,
  RemedyType,
  Responsibility,
} from '@kesu/assignment-contracts';

/** Where dispatch has the complaint: the case is worked only once its assignee accepted it. */
export type CaseDispatchStatus = 'unassigned' | 'queued' | 'assigned' | 'accepted' | 'ended';

/**
 * Who sends a person's command, as the directory and dispatch place them on this case: whether they
 * work it (the assignee who accepted it, or someone above them), and the approval tiers they hold over
 * it (the assignee `handler`; the head of its department; a branch manager; the general manager).
 */
export interface CaseActor {
  readonly personId: string;
  readonly works: boolean;
  readonly tiers: readonly ApprovalTier[];
}

/** What every person's command on a case carries. */
interface PersonCommand {
  readonly complaintId: string;
  readonly actor: CaseActor;
  readonly dispatch: CaseDispatchStatus;
  /** UTC ISO instant (the Clock's). */
  readonly at: string;
}

export interface PlanInvestigation extends PersonCommand {
  readonly type: 'PlanInvestigation';
  readonly plan: string;
  readonly dueBy?: string;
}

export interface AddCaseNote extends PersonCommand {
  readonly type: 'AddCaseNote';
  readonly noteId: string;
  readonly text: string;
}

export interface AddEvidence extends PersonCommand {
  readonly type: 'AddEvidence';
  readonly evidenceId: string;
  readonly referenceType?: EvidenceReferenceType;
  readonly reference?: string;
  readonly file?: EvidenceFile;
  readonly description?: string;
}

export interface RecordContact extends PersonCommand {
  readonly type: 'RecordContact';
  readonly channel: ContactChannel;
  readonly reached: boolean;
  readonly note?: string;
}

export interface StartWaiting extends PersonCommand {
  readonly type: 'StartWaiting';
  readonly reason: CaseWaitingReason;
  readonly note?: string;
}

export interface EndWaiting extends PersonCommand {
  readonly type: 'EndWaiting';
  readonly note?: string;
}

export interface RecordFinding extends PersonCommand {
  readonly type: 'RecordFinding';
  readonly facts: string;
  readonly rootCause: string;
  readonly responsibility: Responsibility;
  readonly staffInvolved: readonly string[];
  /** The tenant's settings (their root causes). */
  readonly settings: CaseSettings;
}

/** Who holds each approval tier over the case, as the org chain names them. */
export type TierHolders = Readonly<Partial<Record<ApprovalTier, string | null>>>;

export interface SubmitProposal extends PersonCommand {
  readonly type: 'SubmitProposal' | 'ReviseProposal';
  readonly proposalId: string;
  readonly remedies: readonly ProposedRemedy[];
  readonly rationale: string;
  readonly settings: CaseSettings;
  readonly holders: TierHolders;
}

/** What an approver does with the proposal awaiting them. */
export const PROPOSAL_DECISIONS = ['approve', 'reject', 'forward'] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

export interface DecideProposal extends PersonCommand {
  readonly type: 'DecideProposal';
  readonly decision: ProposalDecision;
  readonly comment?: string;
  /** Who holds each tier over the case (whom a forwarded proposal goes to). */
  readonly holders: TierHolders;
}

export interface MakeOffer extends PersonCommand {
  readonly type: 'MakeOffer';
}

export interface RecordCustomerResponse extends PersonCommand {
  readonly type: 'RecordCustomerResponse';
  readonly response: CustomerResponse;
  readonly demand?: string;
  readonly amount?: number;
  readonly note?: string;
}

export interface ReferCase extends PersonCommand {
  readonly type: 'ReferCase';
  readonly to: ReferralTarget;
  readonly organisation: string;
  readonly reference?: string;
  readonly note?: string;
}

export interface ExecuteRemedies extends PersonCommand {
  readonly type: 'ExecuteRemedies';
  /** What proves each agreed remedy was carried out. */
  readonly references: readonly { readonly type: RemedyType; readonly reference: string }[];
  readonly note?: string;
}

export interface ResolveCase extends PersonCommand {
  readonly type: 'ResolveCase';
  readonly summary: string;
}

/** Follow-up reopened the complaint (a reaction, no person's authority to check). */
export interface ReopenCase {
  readonly type: 'ReopenCase';
  readonly complaintId: string;
  readonly reason: string;
  readonly at: string;
}

export type CasePersonCommand =
  | PlanInvestigation
  | AddCaseNote
  | AddEvidence
  | RecordContact
  | StartWaiting
  | EndWaiting
  | RecordFinding
  | SubmitProposal
  | DecideProposal
  | MakeOffer
  | RecordCustomerResponse
  | ReferCase
  | ExecuteRemedies
  | ResolveCase;

export type CaseCommand = CasePersonCommand | ReopenCase;
