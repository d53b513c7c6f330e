import type { ScopeList } from '@kesu/intake-contracts';

/**
 * The demo tenant's scope list: a telecom and utility operator that does not handle property or
 * tax matters, so complaints about them are rejected automatically (not_in_scope) and the customer
 * is told where to turn instead.
 */
export const demoScopeList: ScopeList = {
  outOfScopeTerms: ['物业费', '房产税', '个人所得税', 'property tax', 'income tax'],
};

/** Why the demo tenant's first intake settings change was made, as recorded with it. */
export const DEMO_POLICY_REASON =
  'Demo tenant: property fees and taxes are handled by property managers and the tax authority, not by us';
