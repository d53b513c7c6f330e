import { DomainRuleViolation, ForbiddenError, InvalidInputError, UnprocessableError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { caseDecider } from './case-decider';
import {
  at,
  commands,
  complaintId,
  events,
  handler,
  head,
  histories,
  holders,
  manager,
  settings,
  stranger,
  yuan,
} from './case.test-support';

const spec = DeciderSpecification.for(caseDecider);

describe('who works a case', () => {
  it('given a complaint its assignee has not accepted, when they act, then 409 naming the dispatch state', () => {
    spec
      .given([])
      .when({ ...commands.note, dispatch: 'assigned' })
      .thenThrows(
        DomainRuleViolation,
        (e) => e.code === 'case.not_accepted' && e.details?.state === 'assigned',
      );
  });

  it('given an accepted case, when someone who does not work it acts, then 403', () => {
    spec
      .given([])
      .when({ ...commands.note, actor: stranger })
      .thenThrows(ForbiddenError, (e) => e.code === 'case.not_yours');
  });
});

describe('a proposal and its approval by authority limits', () => {
  it('given a finding, when the handler proposes ¥5,000, then it goes to the department head first, needing a branch manager', () => {
    spec
      .given(histories.finding_recorded)
      .when(commands.propose)
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          type: 'ProposalSubmitted',
          data: {
            version: 1,
            approval: {
              required: true,
              tier: 'department_head',
              approverId: 'user-handler1',
              requiredTier: 'branch_manager',
            },
          },
        }),
      );
  });

  it('given a finding, when the handler proposes an apology and a ¥150 refund, then it stands approved', () => {
    spec
      .given(histories.finding_recorded)
      .when({
        ...commands.propose,
        remedies: [{ type: 'apology' }, { type: 'refund', amount: 150, currency: 'CNY' }],
      })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: { approval: { required: false, tier: 'handler', approverId: null } },
        }),
      );
  });

  it('given a finding, when the handler proposes ¥100 of compensation, then a department head must approve it', () => {
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, remedies: [yuan(100)] })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: { approval: { tier: 'department_head', approverId: 'user-handler1' } },
        }),
      );
  });

  it('given a finding, when ¥50,000 is proposed, then it climbs from the department head to the general manager', () => {
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, remedies: [yuan(50_000)] })
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          data: { approval: { tier: 'department_head', requiredTier: 'general_manager' } },
        }),
      );
  });

  it('given limits no tier of which covers the amount, when it is proposed, then 422', () => {
    const capped = { ...settings, authorityLimits: settings.authorityLimits.slice(0, 3) };
    spec
      .given(histories.finding_recorded)
      .when({ ...commands.propose, remedies: [yuan(50_000)], settings: capped })
      .thenThrows(UnprocessableError);
  });

  it('given a finding, when a refund has no amount or another currency, then 400 naming the fields', () => {
    spec
      .given(histories.finding_recorded)
      .when({
        ...commands.propose,
        remedies: [{ type: 'refund' }, { type: 'compensation', amount: 5, currency: 'USD' }],
      })
      .thenThrows(
        InvalidInputError,
        (e) => e.errors.map((f) => f.field).join() === 'remedies[0].amount,remedies[1].currency',
      );
  });

  it('given a proposal awaiting approval, when its proposer approves it, then 403', () => {
    spec
      .given(histories.awaiting_approval)
      .when({ ...commands.approve, actor: handler })
      .thenThrows(ForbiddenError, (e) => e.code === 'approval.own_proposal');
  });

  it('given ¥5,000 awaiting approval, when the department head approves it, then 403 beyond the limit', () => {
    spec
      .given(histories.awaiting_approval)
      .when({ ...commands.approve, actor: head })
      .thenThrows(ForbiddenError, (e) => e.code === 'approval.beyond_limit');
  });

  it('given ¥5,000 awaiting approval, when the branch manager approves it, then it is approved at their tier', () => {
    spec
      .given(histories.awaiting_approval)
      .when({ ...commands.approve, comment: '同意' })
      .then([
        {
          type: 'ProposalApproved',
          data: {
            complaintId,
            proposalId: 'p-1',
            version: 1,
            tier: 'branch_manager',
            comment: '同意',
            approvedBy: manager.personId,
            approvedAt: at,
          },
        },
      ]);
  });

  it('given a proposal awaiting approval, when it is rejected without a comment, then 400', () => {
    spec
      .given(histories.awaiting_approval)
      .when({ ...commands.approve, decision: 'reject' })
      .thenThrows(InvalidInputError);
  });

  it('given a rejected proposal, when it is revised to ¥1,500, then version 2 goes to the department head', () => {
    spec
      .given(histories.proposal_rejected)
      .when(commands.revise)
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          type: 'ProposalRevised',
          data: {
            proposalId: 'p-1',
            version: 2,
            approval: { tier: 'department_head', approverId: holders.department_head },
          },
        }),
      );
  });
});

describe('negotiation, execution and resolution', () => {
  it('given a declined offer, when it is offered again, then round 2', () => {
    spec
      .given(histories.declined)
      .when(commands.offer)
      .thenMatches(([event]) => expect(event).toMatchObject({ type: 'OfferMade', data: { round: 2 } }));
  });

  it('given a revision during negotiation awaiting approval, when the old offer is made again, then 409', () => {
    spec
      .given([...histories.declined, { ...events.submitted, type: 'ProposalRevised' }])
      .when(commands.offer)
      .thenThrows(DomainRuleViolation);
  });

  it('given an agreement, when the compensation is executed without a reference, then 400', () => {
    spec
      .given(histories.agreed)
      .when({ ...commands.execute, references: [] })
      .thenThrows(InvalidInputError);
  });

  it('given executed remedies, when resolved, then ComplaintResolved carries them', () => {
    spec
      .given(histories.executed)
      .when(commands.resolve)
      .thenMatches(([event]) =>
        expect(event).toMatchObject({
          type: 'ComplaintResolved',
          data: { outcome: 'agreed', remedies: [{ type: 'compensation', amount: 5000, reference: 'TX-9' }] },
        }),
      );
  });

  it('given two declines and a referral to mediation, when resolved, then the outcome is mediation', () => {
    const twice = [...histories.declined, events.offered(2), events.responded(2, 'declined')];
    spec
      .given([
        ...twice,
        {
          type: 'CaseReferred',
          data: { complaintId, to: 'mediation', organisation: '调解委员会', referredBy: 'x', referredAt: at },
        },
      ])
      .when(commands.resolve)
      .thenMatches(([event]) =>
        expect(event).toMatchObject({ data: { outcome: 'mediation', remedies: [] } }),
      );
  });

  it('given a finding, when its root cause is not the tenant’s, then 400', () => {
    spec
      .given([])
      .when({ ...commands.finding, rootCause: 'bad_luck' })
      .thenThrows(InvalidInputError);
  });
});

describe('reopening', () => {
  const reopen = { type: 'ReopenCase' as const, complaintId, reason: '客户不满意', at };

  it('given a resolved case, when follow-up reopens it, then it is investigated again', () => {
    spec
      .given(histories.resolved)
      .when(reopen)
      .then([{ type: 'CaseReopened', data: { complaintId, reason: '客户不满意', reopenedAt: at } }]);
    spec
      .given([
        ...histories.resolved,
        { type: 'CaseReopened', data: { complaintId, reason: 'r', reopenedAt: at } },
      ])
      .when(commands.finding)
      .thenMatches(([event]) => expect(event?.type).toBe('FindingRecorded'));
  });

  it('given a case not resolved, when follow-up reopens it, then nothing happens', () => {
    spec.given(histories.offered).when(reopen).thenNothingHappens();
  });
});
