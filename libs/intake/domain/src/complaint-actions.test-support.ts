import { type IntakeEvent, type RejectionReason } from '@kesu/intake-contracts';
import type { DomainRuleViolation } from '@kesu/kernel';
import type { ComplaintAction } from './complaint-actions';

/*
 * The histories and commands the complaint-action specs share: one complaint in every state it can
 * reach, and one command of each work action.
 */

export const complaintId = '0193a5f0-0000-7000-8000-000000000001';
export const at = '2026-11-23T03:00:00.000Z';
export const handler = 'user-handler1';
export const supervisor = 'user-supervisor1';

export const received: IntakeEvent = {
  type: 'ComplaintReceived',
  data: {
    complaintId,
    reference: 'KS-20261123-000001',
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { subjectId: 'customer-C1001', sealed: 'pd1.x.y.z' },
    subject: { type: 'service', name: '营业厅' },
    description: '营业员态度恶劣，办理业务等了两个小时。',
    complainantCount: 1,
    language: 'zh',
    receivedAt: '2026-11-23T02:00:00.000Z',
    acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' },
  },
};
export const confirmed: IntakeEvent = { type: 'RecordConfirmed', data: { complaintId, confirmedAt: at } };
export const accepted: IntakeEvent = { type: 'ComplaintAccepted', data: { complaintId, acceptedAt: at } };
export const rejectedFor = (reason: RejectionReason): IntakeEvent => ({
  type: 'ComplaintRejected',
  data: {
    complaintId,
    reason,
    explanation: '不属于本公司业务范围。',
    automatic: false,
    rejectedBy: handler,
    rejectedAt: at,
  },
});
export const rejected = rejectedFor('not_in_scope');
export const automaticRejection: IntakeEvent = {
  type: 'ComplaintRejected',
  data: {
    complaintId,
    reason: 'not_in_scope',
    explanation: '不属于本公司业务范围。',
    automatic: true,
    rejectedAt: at,
  },
};
export const appealed: IntakeEvent = {
  type: 'RejectionAppealed',
  data: { complaintId, grounds: '营业厅属于贵公司。', appealedAt: at },
};
export const decided = (outcome: 'upheld' | 'overturned'): IntakeEvent => ({
  type: 'AppealDecided',
  data: { complaintId, outcome, explanation: '经复核……', decidedBy: supervisor, decidedAt: at },
});
export const withdrawn: IntakeEvent = {
  type: 'ComplaintWithdrawn',
  data: { complaintId, reason: '客户已自行解决。', withdrawnAt: at },
};
export const merged: IntakeEvent = {
  type: 'ComplaintMergedAsDuplicate',
  data: {
    complaintId,
    duplicateOf: '0193a5f0-0000-7000-8000-000000000000',
    duplicateOfReference: 'KS-20261122-000009',
    similarity: 0.9,
    mergedAt: at,
  },
};
export const resolvedOnTheSpot: IntakeEvent = {
  type: 'ComplaintResolvedOnTheSpot',
  data: { complaintId, remedy: '当场道歉并办理。', resolvedAt: at },
};

/** Each state a complaint can be in, as the history that leads there. */
export const STATES: Record<string, IntakeEvent[]> = {
  received: [received],
  accepted: [received, accepted],
  rejected: [received, rejected],
  appealed: [received, rejected, appealed],
  'rejected for good': [received, rejected, appealed, decided('upheld')],
  'accepted on appeal': [received, rejected, appealed, decided('overturned')],
  withdrawn: [received, withdrawn],
  merged: [received, merged],
  resolved_on_the_spot: [received, resolvedOnTheSpot],
};

export const confirm = { type: 'ConfirmRecord', at } satisfies ComplaintAction;
export const accept = { type: 'AcceptComplaint', at } satisfies ComplaintAction;
export const reject = {
  type: 'RejectComplaint',
  reason: 'not_in_scope',
  explanation: '不属于本公司业务范围。',
  rejectedBy: handler,
  at,
} satisfies ComplaintAction;
export const appeal = {
  type: 'AppealRejection',
  grounds: '营业厅属于贵公司。',
  at,
} satisfies ComplaintAction;
export const decide = {
  type: 'DecideAppeal',
  outcome: 'overturned',
  explanation: '予以受理。',
  decidedBy: supervisor,
  at,
} satisfies ComplaintAction;
export const withdraw = {
  type: 'WithdrawComplaint',
  reason: '客户已自行解决。',
  at,
} satisfies ComplaintAction;
export const link = {
  type: 'LinkDuplicate',
  duplicateComplaintId: '0193a5f0-0000-7000-8000-000000000002',
  duplicateReference: 'KS-20261123-000002',
  at,
} satisfies ComplaintAction;

/** Whether a DomainRuleViolation carries this code. */
export const forbidden = (code: string) => (e: DomainRuleViolation) => e.code === code;
