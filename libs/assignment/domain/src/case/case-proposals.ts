import type { CaseEvent, ProposedRemedy } from '@kesu/assignment-contracts';
import { DomainRuleViolation, ForbiddenError, type FieldError, UnprocessableError } from '@kesu/kernel';
import { requiredTierOf, stepAbove } from './approval-chain';
import { highestTier, requiredTier, tierRank } from './authority';
import type { CaseState } from './case';
import type { DecideProposal, SubmitProposal } from './case-commands';
import { refuseErrors, requireText } from './case-guards';

const MONEY_REMEDIES = new Set(['refund', 'compensation']);
const label = (tier: string) => tier.replace('_', ' ');

/** A 400 for each remedy whose amount or currency is missing, negative or not the tenant's. */
function checkRemedies(remedies: readonly ProposedRemedy[], currency: string): void {
  const errors: FieldError[] = [];
  if (remedies.length === 0) errors.push({ field: 'remedies', message: 'name at least one remedy' });
  remedies.forEach((remedy, i) => {
    const field = `remedies[${i}]`;
    if (remedy.amount === undefined) {
      if (MONEY_REMEDIES.has(remedy.type))
        errors.push({ field: `${field}.amount`, message: `a ${remedy.type} needs an amount` });
      return;
    }
    if (!(remedy.amount > 0)) errors.push({ field: `${field}.amount`, message: 'amount must be positive' });
    if (remedy.currency !== currency)
      errors.push({ field: `${field}.currency`, message: `currency must be ${currency}` });
  });
  refuseErrors(errors);
}

/**
 * A proposal (or its revision): within the proposer's own authority it stands approved as submitted;
 * beyond it, it goes to the next approver up the chain above the proposer (never the proposer
 * themself), recording the lowest tier whose limit covers it.
 */
export function submit(command: SubmitProposal, state: CaseState): CaseEvent[] {
  const { complaintId, remedies, rationale, settings, holders, actor, at } = command;
  requireText('rationale', rationale);
  checkRemedies(remedies, settings.currency);
  const tier = requiredTier(settings, remedies);
  if (!tier)
    throw new UnprocessableError(
      'proposal.beyond_every_limit',
      'no tier of the tenant’s authority limits covers this proposal',
    );
  const own = highestTier(actor.tiers);
  const required = own === undefined || tierRank(tier) > tierRank(own);
  const step = required
    ? (stepAbove(own, holders, [actor.personId]) ?? { tier, approverId: null })
    : undefined;
  const revising = command.type === 'ReviseProposal';
  const data = {
    complaintId,
    proposalId: revising ? state.proposal!.proposalId : command.proposalId,
    version: revising ? state.proposal!.version + 1 : 1,
    remedies,
    rationale,
    approval: step
      ? { required: true, ...step, requiredTier: tier }
      : { required: false, tier: own!, approverId: null, requiredTier: tier },
    proposedBy: actor.personId,
    proposedAt: at,
  };
  return [revising ? { type: 'ProposalRevised', data } : { type: 'ProposalSubmitted', data }];
}

/**
 * Decide the proposal awaiting approval, at one's turn in the chain or above it: never one's own
 * (403); approve it only within one's authority (403 naming the tier it needs); beyond it, forward it
 * to the next tier up (recommending it) or reject it, saying why.
 */
export function decide(command: DecideProposal, state: CaseState): CaseEvent[] {
  const proposal = state.proposal!;
  const { actor, complaintId, at, comment } = command;
  if (proposal.proposedBy === actor.personId)
    throw new ForbiddenError('approval.own_proposal', 'nobody approves their own proposal');
  const own = highestTier(actor.tiers);
  const step = proposal.approval.tier;
  if (own === undefined || tierRank(own) < tierRank(step))
    throw new ForbiddenError(
      'approval.beyond_limit',
      `this proposal awaits a ${label(step)}; it is beyond your authority`,
    );
  const needed = requiredTierOf(proposal.approval);
  const within = tierRank(own) >= tierRank(needed);
  const { proposalId, version } = proposal;
  switch (command.decision) {
    case 'reject':
      requireText('comment', comment);
      return [
        {
          type: 'ProposalRejected',
          data: {
            complaintId,
            proposalId,
            version,
            comment: comment!,
            rejectedBy: actor.personId,
            rejectedAt: at,
          },
        },
      ];
    case 'forward':
      return forward(command, state, own, within);
    case 'approve':
      if (!within)
        throw new ForbiddenError(
          'approval.beyond_limit',
          `this proposal needs the approval of a ${label(needed)}; it is beyond your authority: forward it up the chain or reject it`,
        );
      return [
        {
          type: 'ProposalApproved',
          data: {
            complaintId,
            proposalId,
            version,
            tier: own,
            ...(comment !== undefined && { comment }),
            approvedBy: actor.personId,
            approvedAt: at,
          },
        },
      ];
  }
}

/** Recommend the proposal to the next tier up: only when it is beyond one's own limit (409 otherwise). */
function forward(
  command: DecideProposal,
  state: CaseState,
  own: NonNullable<ReturnType<typeof highestTier>>,
  within: boolean,
): CaseEvent[] {
  const proposal = state.proposal!;
  const { actor, complaintId, at, comment, holders } = command;
  const refuse = (code: string, message: string) =>
    new DomainRuleViolation(code, message, { state: state.stage, allowedActions: ['decide_proposal'] });
  if (within)
    throw refuse(
      'approval.within_your_limit',
      'this proposal is within your authority: approve or reject it',
    );
  const next = stepAbove(own, holders, [proposal.proposedBy, actor.personId]);
  if (!next) throw refuse('approval.top_of_chain', 'there is nobody above you in the chain to forward it to');
  return [
    {
      type: 'ProposalForwarded',
      data: {
        complaintId,
        proposalId: proposal.proposalId,
        version: proposal.version,
        fromTier: proposal.approval.tier,
        approval: { required: true, ...next, requiredTier: requiredTierOf(proposal.approval) },
        ...(comment !== undefined && { comment }),
        forwardedBy: actor.personId,
        forwardedAt: at,
      },
    },
  ];
}
