import type { CaseEvent, ProposedRemedy } from '@kesu/assignment-contracts';
import { DEFAULT_CASE_SETTINGS } from './authority';
import type { CaseActor, CasePersonCommand } from './case-commands';

export const complaintId = 'c-1';
export const at = '2026-12-06T08:00:00.000Z';
export const handler: CaseActor = { personId: 'user-handler2', works: true, tiers: ['handler'] };
export const head: CaseActor = { personId: 'user-handler1', works: true, tiers: ['department_head'] };
export const manager: CaseActor = { personId: 'user-manager1', works: true, tiers: ['branch_manager'] };
export const stranger: CaseActor = { personId: 'user-handler9', works: false, tiers: [] };
export const settings = DEFAULT_CASE_SETTINGS;
export const holders = {
  department_head: 'user-handler1',
  branch_manager: 'user-manager1',
  general_manager: 'user-director1',
};

const base = { complaintId, actor: handler, dispatch: 'accepted' as const, at };
export const yuan = (amount: number): ProposedRemedy => ({ type: 'compensation', amount, currency: 'CNY' });

/** One command of each kind, as the handler sends it. */
export const commands = {
  plan: { ...base, type: 'PlanInvestigation', plan: '调取监控，询问当班员工' },
  note: { ...base, type: 'AddCaseNote', noteId: 'n-1', text: '已致电客户' },
  evidence: {
    ...base,
    type: 'AddEvidence',
    evidenceId: 'e-1',
    referenceType: 'cctv',
    reference: 'CAM-3 10:02',
  },
  contact: { ...base, type: 'RecordContact', channel: 'phone', reached: true },
  wait: { ...base, type: 'StartWaiting', reason: 'customer' },
  endWait: { ...base, type: 'EndWaiting' },
  finding: {
    ...base,
    type: 'RecordFinding',
    facts: '收银员多收费用',
    rootCause: 'billing_error',
    responsibility: 'company_at_fault',
    staffInvolved: ['user-handler3'],
    settings,
  },
  propose: {
    ...base,
    type: 'SubmitProposal',
    proposalId: 'p-1',
    remedies: [yuan(5000)],
    rationale: '赔偿损失',
    settings,
    holders,
  },
  revise: {
    ...base,
    type: 'ReviseProposal',
    proposalId: 'p-1',
    remedies: [yuan(1500)],
    rationale: '按标准赔偿',
    settings,
    holders,
  },
  approve: { ...base, actor: manager, type: 'DecideProposal', decision: 'approve', holders },
  offer: { ...base, type: 'MakeOffer' },
  accepted: { ...base, type: 'RecordCustomerResponse', response: 'accepted' },
  refer: { ...base, type: 'ReferCase', to: 'mediation', organisation: '街道人民调解委员会' },
  execute: { ...base, type: 'ExecuteRemedies', references: [{ type: 'compensation', reference: 'TX-9' }] },
  resolve: { ...base, type: 'ResolveCase', summary: '已赔偿并致歉' },
} satisfies Record<string, CasePersonCommand>;

const proposal = (approvalRequired: boolean, version = 1) => ({
  complaintId,
  proposalId: 'p-1',
  version,
  remedies: [yuan(5000)],
  rationale: '赔偿损失',
  approval: {
    required: approvalRequired,
    tier: 'department_head' as const,
    approverId: 'user-handler1',
    requiredTier: 'branch_manager' as const,
  },
  proposedBy: handler.personId,
  proposedAt: at,
});

const found: CaseEvent = {
  type: 'FindingRecorded',
  data: {
    complaintId,
    facts: '收银员多收费用',
    rootCause: 'billing_error',
    responsibility: 'company_at_fault',
    staffInvolved: [],
    recordedBy: handler.personId,
    recordedAt: at,
  },
};
const submitted: CaseEvent = { type: 'ProposalSubmitted', data: proposal(true) };
const approved: CaseEvent = {
  type: 'ProposalApproved',
  data: {
    complaintId,
    proposalId: 'p-1',
    version: 1,
    tier: 'branch_manager',
    approvedBy: 'user-manager1',
    approvedAt: at,
  },
};
const rejected: CaseEvent = {
  type: 'ProposalRejected',
  data: {
    complaintId,
    proposalId: 'p-1',
    version: 1,
    comment: '金额过高',
    rejectedBy: 'user-manager1',
    rejectedAt: at,
  },
};
const offered = (round: number): CaseEvent => ({
  type: 'OfferMade',
  data: {
    complaintId,
    round,
    proposalId: 'p-1',
    version: 1,
    remedies: [yuan(5000)],
    madeBy: handler.personId,
    madeAt: at,
  },
});
const responded = (round: number, response: 'accepted' | 'declined' | 'counter_offer'): CaseEvent => ({
  type: 'CustomerResponded',
  data: { complaintId, round, response, recordedBy: handler.personId, recordedAt: at },
});
const waiting: CaseEvent = {
  type: 'CaseWaitingStarted',
  data: { complaintId, reason: 'customer', startedBy: handler.personId, startedAt: at },
};
const executed: CaseEvent = {
  type: 'RemediesExecuted',
  data: {
    complaintId,
    remedies: [{ type: 'compensation', amount: 5000, currency: 'CNY', reference: 'TX-9' }],
    executedBy: handler.personId,
    executedAt: at,
  },
};
const referred: CaseEvent = {
  type: 'CaseReferred',
  data: {
    complaintId,
    to: 'mediation',
    organisation: '调解委员会',
    referredBy: handler.personId,
    referredAt: at,
  },
};
const resolvedEvent: CaseEvent = {
  type: 'ComplaintResolved',
  data: {
    complaintId,
    resolvedBy: handler.personId,
    resolvedAt: at,
    outcome: 'agreed',
    remedies: [],
    summary: '已解决',
  },
};

/** The histories that leave a case in each state. */
export const histories = {
  investigating: [],
  waiting: [waiting],
  finding_recorded: [found],
  awaiting_approval: [found, submitted],
  proposal_rejected: [found, submitted, rejected],
  proposal_approved: [found, submitted, approved],
  offered: [found, submitted, approved, offered(1)],
  declined: [found, submitted, approved, offered(1), responded(1, 'declined')],
  countered: [found, submitted, approved, offered(1), responded(1, 'counter_offer')],
  agreed: [found, submitted, approved, offered(1), responded(1, 'accepted')],
  referred: [found, submitted, approved, offered(1), responded(1, 'declined'), referred],
  executed: [found, submitted, approved, offered(1), responded(1, 'accepted'), executed],
  resolved: [found, submitted, approved, offered(1), responded(1, 'accepted'), executed, resolvedEvent],
} satisfies Record<string, CaseEvent[]>;

export const events = {
  found,
  submitted,
  approved,
  rejected,
  offered,
  responded,
  waiting,
  executed,
  resolvedEvent,
};
