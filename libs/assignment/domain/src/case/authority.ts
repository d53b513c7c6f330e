import {
  APPROVAL_TIERS,
  type ApprovalTier,
  type AuthorityLimit,
  type CaseSettings,
  type ProposedRemedy,
} from '@kesu/assignment-contracts';

/** A tier's rank: the handler lowest, the general manager highest. */
export const tierRank = (tier: ApprovalTier): number => APPROVAL_TIERS.indexOf(tier);

/** The highest of the tiers (undefined for none). */
export function highestTier(tiers: readonly ApprovalTier[]): ApprovalTier | undefined {
  return [...tiers].sort((a, b) => tierRank(b) - tierRank(a))[0];
}

/** Whether a tier's limit covers the remedies: their total, and each remedy type's own limit. */
export function withinLimit(limit: AuthorityLimit, remedies: readonly ProposedRemedy[]): boolean {
  const total = remedies.reduce((sum, r) => sum + (r.amount ?? 0), 0);
  if (limit.maxAmount !== null && total > limit.maxAmount) return false;
  return remedies.every((remedy) => {
    const own = limit.remedyLimits.find((l) => l.remedyType === remedy.type);
    return !own || own.maxAmount === null || (remedy.amount ?? 0) <= own.maxAmount;
  });
}

/** The lowest tier whose limit covers the remedies under the tenant's settings (undefined: none does). */
export function requiredTier(
  settings: CaseSettings,
  remedies: readonly ProposedRemedy[],
): ApprovalTier | undefined {
  return APPROVAL_TIERS.find((tier) => {
    const limit = settings.authorityLimits.find((l) => l.tier === tier);
    return limit !== undefined && withinLimit(limit, remedies);
  });
}

/** The demo tenant's (and the built-in) case settings: the seeds' authority limits and root causes. */
export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  currency: 'CNY',
  authorityLimits: [
    { tier: 'handler', maxAmount: 200, remedyLimits: [{ remedyType: 'compensation', maxAmount: 0 }] },
    { tier: 'department_head', maxAmount: 2_000, remedyLimits: [] },
    { tier: 'branch_manager', maxAmount: 20_000, remedyLimits: [] },
    { tier: 'general_manager', maxAmount: null, remedyLimits: [] },
  ],
  rootCauses: [
    { code: 'staff_attitude', name: { zh: '员工服务态度', en: 'Staff attitude' } },
    { code: 'process_gap', name: { zh: '流程缺陷', en: 'Process gap' } },
    { code: 'product_defect', name: { zh: '产品缺陷', en: 'Product defect' } },
    { code: 'equipment_fault', name: { zh: '设备故障', en: 'Equipment fault' } },
    { code: 'billing_error', name: { zh: '计费错误', en: 'Billing error' } },
    { code: 'communication_gap', name: { zh: '沟通不到位', en: 'Communication gap' } },
    { code: 'third_party', name: { zh: '第三方原因', en: 'Third party' } },
    { code: 'customer_misunderstanding', name: { zh: '客户误解', en: 'Customer misunderstanding' } },
  ],
};
