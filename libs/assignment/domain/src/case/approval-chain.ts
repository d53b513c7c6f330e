import { APPROVAL_TIERS, type ApprovalRoute, type ApprovalTier } from '@kesu/assignment-contracts';
import { tierRank } from './authority';
import type { TierHolders } from './case-commands';

/** The turn of the tier above `fromTier` (above the handler when none): whom the chain names for it. */
export interface ApprovalStep {
  readonly tier: ApprovalTier;
  readonly approverId: string | null;
}

/**
 * The next step up the chain from a tier (none: from the bottom): the first tier above it, never
 * the handler's, whose holder is a person other than those passed over (the proposer, the one
 * forwarding it — nobody approves their own proposal); when no tier above has such a holder, the
 * first one nobody is named for (those holding its role in scope approve it). Undefined at the top.
 */
export function stepAbove(
  fromTier: ApprovalTier | undefined,
  holders: TierHolders,
  passedOver: readonly string[],
): ApprovalStep | undefined {
  const from = Math.max(fromTier === undefined ? -1 : tierRank(fromTier), tierRank('handler'));
  const above = APPROVAL_TIERS.filter((tier) => tierRank(tier) > from);
  const named = above.find((tier) => {
    const holder = holders[tier];
    return holder != null && !passedOver.includes(holder);
  });
  if (named) return { tier: named, approverId: holders[named]! };
  const unnamed = above.find((tier) => holders[tier] == null);
  return unnamed ? { tier: unnamed, approverId: null } : undefined;
}

/** The lowest tier whose limit covers the proposal (its `tier` for one recorded before the chain was climbed). */
export const requiredTierOf = (approval: ApprovalRoute): ApprovalTier =>
  approval.requiredTier ?? approval.tier;
