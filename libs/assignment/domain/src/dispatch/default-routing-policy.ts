import type { RoutingPolicy } from '@kesu/assignment-contracts';

/** Transfers a handler may make before a supervisor decides, unless the tenant says otherwise. */
export const DEFAULT_MAX_TRANSFERS = 2;

/**
 * The built-in dispatch policy, from the seeds (domain.md "Time limits", seed 004): a critical
 * complaint goes to the general manager the same day, a major one to the branch manager within an
 * hour; government-hotline transfers (12345, 12315, a superior's transfer) to the head of customer
 * service of the branch that owns them; matters of products, safety and equipment to a technical
 * handler; everything else to a customer-service handler of the complaint's branch.
 */
export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  version: 1,
  rules: [
    {
      id: 'critical-to-general-manager',
      description: {
        zh: '重大投诉：当天交总经理处理',
        en: 'Critical: to the general manager the same day',
      },
      when: { severities: ['critical'] },
      then: { department: { kind: 'customer_service' }, level: 'general_manager', handOverSameDay: true },
    },
    {
      id: 'major-to-branch-manager',
      description: {
        zh: '重要投诉：1小时内交分公司经理处理',
        en: 'Major: to the branch manager within 1 hour',
      },
      when: { severities: ['major'] },
      then: { department: { kind: 'customer_service' }, level: 'branch_manager', handOverWithinMinutes: 60 },
    },
    {
      id: 'government-transfers-to-owning-branch',
      description: {
        zh: '政府热线（12345、12315）及上级转办件：交所属分公司客服部负责人',
        en: 'Government hotline and superior transfers: to the head of customer service of the owning branch',
      },
      when: { channels: ['gov_hotline_12345', 'gov_12315', 'transfer'] },
      then: { department: { kind: 'customer_service' }, level: 'department_head' },
    },
    {
      id: 'technical-matters',
      description: {
        zh: '产品质量、安全、设施设备：交技术部处理人',
        en: 'Product quality, safety, facilities and equipment: to a technical handler',
      },
      when: { categories: ['product_quality', 'safety', 'facilities_equipment'] },
      then: { department: { kind: 'technical' }, level: 'handler' },
    },
  ],
  fallback: { department: { kind: 'customer_service' }, level: 'handler' },
  severityWeights: { minor: 1, general: 1, major: 2, critical: 3 },
  maxTransfers: DEFAULT_MAX_TRANSFERS,
  levelHolders: {
    branch_manager: { role: 'branch_manager', unitKind: 'branch' },
    general_manager: { role: 'director', unitKind: 'headquarters' },
  },
};
