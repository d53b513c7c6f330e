import type { CaseEvent } from '@kesu/assignment-contracts';
import { DomainRuleViolation, ForbiddenError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { caseDecider } from './case-decider';
import type { CaseActor } from './case-commands';
import {
  at,
  commands,
  complaintId,
  handler,
  head,
  histories,
  holders,
  manager,
  yuan,
} from './case.test-support';

/*
 * Approval climbs the chain level by level: a proposal beyond its proposer's limit awaits the next
 * approver up; one whose own limit is below it forwards it up (recommending it) or rejects it, until
 * someone whose limit covers it approves it. Nobody approves their own proposal.
 */
const spec = DeciderSpecification.for(caseDecider);
const director: CaseActor = { personId: 'user-director1', works: true, tiers: ['general_manager'] };
const supervisor: CaseActor = { personId: 'user-supervisor1', works: true, tiers: [] };

const forwarded = (
  tier: 'branch_manager' | 'general_manager',
  by: CaseActor,
  requiredTier = tier,
): CaseEvent => ({
  type: 'ProposalForwarded',
  data: {
    complaintId,
    proposalId: 'p-1',
    version: 1,
    fromTier: tier === 'branch_manager' ? 'department_head' : 'branch_manager',
    approval: { required: true, tier, approverId: holders[tier], requiredTier },
    forwardedBy: by.personId,
    forwardedAt: at,
  },
});
const forward = (actor: CaseActor, comment?: string) => ({
  ...commands.approve,
  actor,
  decision: 'forward' as const,
  ...(comment !== undefined && { comment }),
});
const awaitingGeneralManager: CaseEvent = {
  type: 'ProposalSubmitted',
  data: {
    complaintId,
    proposalId: 'p-1',
    version: 1,
    remedies: [yuan(50_000)],
    rationale: '重大损失赔偿',
    approval: {
      required: true,
      tier: 'department_head',
      approverId: 'user-handler1',
      requiredTier: 'general_manager',
    },
    proposedBy: handler.personId,
    proposedAt: at,
  },
};
const [found] = histories.finding_recorded;

describe('approval climbing the chain', () => {
  it('given ¥5,000 awaiting the department head, when they forward it with a recommendation, then it awaits the branch manager', () => {
    spec
      .given(histories.awaiting_approval)
      .when(forward(head, '建议同意，超出本人权限'))
      .then([
        {
          type: 'ProposalForwarded',
          data: {
            complaintId,
            proposalId: 'p-1',
            version: 1,
            fromTier: 'department_head',
            approval: {
              required: true,
              tier: 'branch_manager',
              approverId: 'user-manager1',
              requiredTier: 'branch_manager',
            },
            comment: '建议同意，超出本人权限',
            forwardedBy: head.personId,
            forwardedAt: at,
          },
        },
      ]);
  });

  it('given ¥5,000 forwarded to the branch manager, when they approve it, then it is approved at their tier', () => {
    spec
      .given([...histories.awaiting_approval, forwarded('branch_manager', head)])
      .when(commands.approve)
      .thenMatches(([event]) =>
        expect(event).toMatchObject({ type: 'ProposalApproved', data: { tier: 'branch_manager' } }),
      );
  });

  it('given ¥5,000 forwarded to the branch manager, when the department head acts again, then 403 (not theirs now)', () => {
    spec
      .given([...histories.awaiting_approval, forwarded('branch_manager', head)])
      .when(forward(head))
      .thenThrows(ForbiddenError, (e) => e.code === 'approval.beyond_limit');
  });

  it('given ¥50,000 at the branch manager, when they approve it, then 403 beyond the limit', () => {
    spec
      .given([found!, awaitingGeneralManager, forwarded('branch_manager', head, 'general_manager')])
      .when(commands.approve)
      .thenThrows(ForbiddenError, (e) => e.code === 'approval.beyond_limit');
  });

  it('given ¥50,000 at the branch manager, when they forward it, then it awaits the general manager, who approves it', () => {
    const history = [found!, awaitingGeneralManager, forwarded('branch_manager', head, 'general_manager')];
    spec
      .given(history)
      .when(forward(manager))
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          type: 'ProposalForwarded',
          data: {
            fromTier: 'branch_manager',
            approval: {
              tier: 'general_manager',
              approverId: 'user-director1',
              requiredTier: 'general_manager',
            },
          },
        }),
      );
    spec
      .given([...history, forwarded('general_manager', manager)])
      .when({ ...commands.approve, actor: director })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({ type: 'ProposalApproved', data: { tier: 'general_manager' } }),
      );
  });

  it('given ¥1,500 awaiting the department head, when they forward it, then 409: it is within their limit', () => {
    spec
      .given([
        found!,
        {
          ...awaitingGeneralManager,
          data: {
            ...awaitingGeneralManager.data,
            remedies: [yuan(1_500)],
            approval: {
              required: true,
              tier: 'department_head',
              approverId: 'user-handler1',
              requiredTier: 'department_head',
            },
          },
        } as CaseEvent,
      ])
      .when(forward(head))
      .thenThrows(DomainRuleViolation, (e) => e.code === 'approval.within_your_limit');
  });

  it('given ¥5,000 awaiting the department head, when they reject it saying why, then it is rejected', () => {
    spec
      .given(histories.awaiting_approval)
      .when({ ...commands.approve, actor: head, decision: 'reject', comment: '赔偿依据不足' })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          type: 'ProposalRejected',
          data: { comment: '赔偿依据不足', rejectedBy: head.personId },
        }),
      );
  });

  it('given ¥5,000 awaiting the department head, when the handler forwards it, then 403: it is not theirs', () => {
    spec
      .given(histories.awaiting_approval)
      .when(forward({ ...handler, personId: 'user-handler3' }))
      .thenThrows(ForbiddenError, (e) => e.code === 'approval.beyond_limit');
  });
});

describe('the first approver up the chain', () => {
  it('given a finding, when the department head proposes ¥5,000, then it awaits the branch manager, not themself', () => {
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, actor: head })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: {
            approval: { tier: 'branch_manager', approverId: 'user-manager1' },
            proposedBy: head.personId,
          },
        }),
      );
  });

  it('given a department without a head, when the handler proposes ¥500, then it awaits the branch manager', () => {
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, remedies: [yuan(500)], holders: { ...holders, department_head: null } })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: {
            approval: {
              tier: 'branch_manager',
              approverId: 'user-manager1',
              requiredTier: 'department_head',
            },
          },
        }),
      );
  });

  it('given a supervisor working the case, when they propose ¥100 of compensation, then it awaits the department head', () => {
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, actor: supervisor, remedies: [yuan(100)] })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: { approval: { tier: 'department_head', approverId: 'user-handler1' } },
        }),
      );
  });

  it('given a chain that names nobody above the handler, when ¥5,000 is proposed, then it awaits the branch managers in scope', () => {
    spec
      .given(histories.finding_recorded)
      .when({
        ...commands.propose,
        holders: { department_head: handler.personId, branch_manager: null, general_manager: null },
      })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: { approval: { tier: 'branch_manager', approverId: null } },
        }),
      );
  });
});
