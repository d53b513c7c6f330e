import type { CaseEvent, ProposedRemedy } from '@kesu/assignment-contracts';
import { ForbiddenError, type FieldError, UnprocessableError } from '@kesu/kernel';
import { highestTier, requiredTier, tierRank } from './authority';
import type { CaseState } from './case';
import type { DecideProposal, SubmitProposal } from './case-commands';
import { refuseErrors, requireText } from './case-guards';

const MONEY_REMEDIES = new Set(['refund', 'compensation']);

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
 * beyond it, it goes to the lowest tier whose limit covers it and to the person holding that tier.
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
  const revising = command.type === 'ReviseProposal';
  const data = {
    complaintId,
    proposalId: revising ? state.proposal!.proposalId : command.proposalId,
    version: revising ? state.proposal!.version + 1 : 1,
    remedies,
    rationale,
    approval: {
      required,
      tier: required ? tier : own!,
      approverId: required ? (holders[tier] ?? null) : null,
    },
    proposedBy: actor.personId,
    proposedAt: at,
  };
  return [revising ? { type: 'ProposalRevised', data } : { type: 'ProposalSubmitted', data }];
}

/**
 * Approve or reject the proposal awaiting approval: never one's own (403), only within one's authority
 * (403 naming the tier it needs); a rejection says why.
 */
export function decide(command: DecideProposal, state: CaseState): CaseEvent[] {
  const proposal = state.proposal!;
  const { actor, complaintId, at, comment } = command;
  if (proposal.proposedBy === actor.personId)
    throw new ForbiddenError('approval.own_proposal', 'nobody approves their own proposal');
  const own = highestTier(actor.tiers);
  if (own === undefined || tierRank(own) < tierRank(proposal.approval.tier))
    throw new ForbiddenError(
      'approval.beyond_limit',
      `this proposal needs the approval of a ${proposal.approval.tier.replace('_', ' ')}; it is beyond your authority`,
    );
  const { proposalId, version } = proposal;
  if (command.decision === 'reject') {
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
  }
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
