import { dispatchedComplaint, HOLDER } from './assignment-seed.test-support';
import type { SecurityApp } from './security-app.test-support';
import { must } from './seed.test-support';

/*
 * What the case-work routes act on: a new complaint of east-1 held by handler1 (the head of customer
 * service, as assignee and department head) and accepted by them, taken through the case's lifecycle
 * to the stage a route needs.
 */

/** A 1×1 PNG: the evidence file the suites upload. */
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The stages a case is taken to, each by the steps before it. */
export type CaseStage =
  | 'accepted'
  | 'waiting'
  | 'finding'
  | 'awaiting_approval'
  | 'rejected'
  | 'approved'
  | 'offered'
  | 'declined'
  | 'agreed'
  | 'executed';

const FINDING = {
  facts: '叫号系统故障导致跳号',
  rootCause: 'equipment_fault',
  responsibility: 'company_at_fault',
  staffInvolved: [],
};
const BIG = { remedies: [{ type: 'compensation', amount: 5000, currency: 'CNY' }], rationale: '赔偿误工' };
const SMALL = {
  remedies: [{ type: 'apology' }, { type: 'refund', amount: 150, currency: 'CNY' }],
  rationale: '致歉退费',
};

type Step = readonly [as: string, action: string, payload: object];

const STEPS: Readonly<Record<CaseStage, readonly Step[]>> = {
  accepted: [],
  waiting: [[HOLDER, 'waiting', { reason: 'customer' }]],
  finding: [[HOLDER, 'findings', FINDING]],
  awaiting_approval: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', BIG],
  ],
  rejected: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', BIG],
    ['manager1', 'approvals', { decision: 'reject', comment: '超出标准' }],
  ],
  approved: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', SMALL],
  ],
  offered: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', SMALL],
    [HOLDER, 'negotiation/offers', {}],
  ],
  declined: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', SMALL],
    [HOLDER, 'negotiation/offers', {}],
    [HOLDER, 'negotiation/responses', { response: 'declined' }],
  ],
  agreed: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', SMALL],
    [HOLDER, 'negotiation/offers', {}],
    [HOLDER, 'negotiation/responses', { response: 'accepted' }],
  ],
  executed: [
    [HOLDER, 'findings', FINDING],
    [HOLDER, 'resolution-proposals', SMALL],
    [HOLDER, 'negotiation/offers', {}],
    [HOLDER, 'negotiation/responses', { response: 'accepted' }],
    [
      HOLDER,
      'execution',
      {
        references: [
          { type: 'apology', reference: '致歉信' },
          { type: 'refund', reference: 'TX-1' },
        ],
      },
    ],
  ],
};

/** A new case of east-1 accepted by handler1 and taken to the stage: the complaint's id. */
export async function caseAt(t: SecurityApp, stage: CaseStage): Promise<string> {
  const complaintId = await dispatchedComplaint(t);
  const url = (action: string) => `/api/v1/complaints/${complaintId}/${action}`;
  await must(t, HOLDER, { method: 'POST', url: url('assignment/accept'), payload: {} });
  for (const [as, action, payload] of STEPS[stage])
    await must(t, as, { method: 'POST', url: url(action), payload });
  return complaintId;
}

/** A new case with the photo as evidence: the complaint's id and the photo's hash. */
export async function caseWithPhoto(t: SecurityApp): Promise<string> {
  const complaintId = await caseAt(t, 'accepted');
  await must(t, HOLDER, {
    method: 'POST',
    url: `/api/v1/complaints/${complaintId}/evidence/files?fileName=photo.png`,
    payload: PHOTO,
    headers: { 'content-type': 'image/png' },
  });
  return complaintId;
}
