import type { ProposalSubmittedData } from '@kesu/assignment-contracts';
import { fold, recorded } from './complaint-view.test-support';

const at = '2026-12-06T08:00:00.000Z';
const proposal = (amount: number, required: boolean): ProposalSubmittedData => ({
  complaintId: 'c-1',
  proposalId: 'p-1',
  version: 1,
  remedies: [{ type: 'apology' }, { type: 'compensation', amount, currency: 'CNY' }],
  rationale: '赔偿',
  approval: { required, tier: 'branch_manager', approverId: 'user-manager1' },
  proposedBy: 'user-handler2',
  proposedAt: at,
});
const finding = recorded('FindingRecorded', {
  complaintId: 'c-1',
  facts: '多收费',
  rootCause: 'billing_error',
  responsibility: 'company_at_fault',
  staffInvolved: [],
  recordedBy: 'user-handler2',
  recordedAt: at,
});

describe('the view’s case work', () => {
  it('is absent before case work began, and the status intake’s', () => {
    const view = fold();
    expect(view.case ?? null).toBeNull();
    expect(view.status).toBe('received');
  });

  it('shows the open proposal, what it moves and who must approve it, as awaiting approval', () => {
    const view = fold(finding, recorded('ProposalSubmitted', proposal(5000, true)));
    expect(view.status).toBe('awaiting_approval');
    expect(view.case).toEqual({
      stage: 'awaiting_approval',
      waiting: null,
      negotiationRounds: 0,
      resolution: null,
      proposal: {
        proposalId: 'p-1',
        version: 1,
        remedyTypes: ['apology', 'compensation'],
        amount: 5000,
        currency: 'CNY',
        status: 'awaiting_approval',
        tier: 'branch_manager',
        approverId: 'user-manager1',
        requiredTier: 'branch_manager',
      },
    });
  });

  it('shows who must approve it now as it climbs the chain', () => {
    const atHead = {
      ...proposal(5000, true),
      approval: {
        required: true,
        tier: 'department_head' as const,
        approverId: 'user-handler1',
        requiredTier: 'branch_manager' as const,
      },
    };
    const submitted = fold(finding, recorded('ProposalSubmitted', atHead));
    expect(submitted.case?.proposal).toMatchObject({
      tier: 'department_head',
      approverId: 'user-handler1',
      requiredTier: 'branch_manager',
    });
    const forwarded = fold(
      finding,
      recorded('ProposalSubmitted', atHead),
      recorded('ProposalForwarded', {
        complaintId: 'c-1',
        proposalId: 'p-1',
        version: 1,
        fromTier: 'department_head',
        approval: { ...atHead.approval, tier: 'branch_manager', approverId: 'user-manager1' },
        comment: '建议同意',
        forwardedBy: 'user-handler1',
        forwardedAt: at,
      }),
    );
    expect(forwarded.status).toBe('awaiting_approval');
    expect(forwarded.case?.proposal).toMatchObject({
      status: 'awaiting_approval',
      tier: 'branch_manager',
      approverId: 'user-manager1',
      requiredTier: 'branch_manager',
    });
  });

  it('shows the wait, the negotiation and the resolution the customer is told', () => {
    const view = fold(
      finding,
      recorded('ProposalSubmitted', proposal(150, false)),
      recorded('OfferMade', {
        complaintId: 'c-1',
        round: 1,
        proposalId: 'p-1',
        version: 1,
        remedies: [],
        madeBy: 'user-handler2',
        madeAt: at,
      }),
      recorded('CaseWaitingStarted', {
        complaintId: 'c-1',
        reason: 'customer',
        startedBy: 'x',
        startedAt: at,
      }),
    );
    expect(view).toMatchObject({
      status: 'negotiating',
      case: { waiting: 'customer', negotiationRounds: 1 },
    });
    const resolved = fold(
      finding,
      recorded('ComplaintResolved', {
        complaintId: 'c-1',
        resolvedBy: 'user-handler2',
        resolvedAt: at,
        outcome: 'mediation',
        remedies: [],
        summary: '调解结案',
      }),
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      case: { stage: 'resolved', resolution: { outcome: 'mediation', summary: '调解结案', resolvedAt: at } },
    });
  });

  it('is investigated again once reopened', () => {
    const view = fold(
      finding,
      recorded('CaseReopened', { complaintId: 'c-1', reason: 'unsatisfied', reopenedAt: at }),
    );
    expect(view).toMatchObject({ status: 'investigating', case: { stage: 'investigating', proposal: null } });
  });
});
