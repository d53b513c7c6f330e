import type { IncidentPlanEvent } from '@kesu/assignment-contracts';
import { DEFAULT_ESCALATION_POLICY } from '../escalation/escalation-policy';
import type {
  AddComplaintToPlan,
  ClosePlan,
  CompletePlanStep,
  OpenIncidentPlan,
  ResolvePlanMember,
} from './incident-plan-commands';

/*
 * What the plan specs share: the smart-meter protest of seed 003 — about twenty residents at the
 * Shanghai branch's service hall, threatening to go to the government — detected as one incident.
 */

export const at = '2026-03-02T02:00:00.000Z';
export const later = '2026-03-02T03:00:00.000Z';
export const policy = DEFAULT_ESCALATION_POLICY.incidentPlan;
export const director = {
  personId: 'user-director1',
  name: { zh: '杨磊', en: 'Yang Lei' },
  language: 'zh' as const,
};

export const openOnDetection = (extra: Partial<OpenIncidentPlan> = {}): OpenIncidentPlan => ({
  type: 'OpenIncidentPlan',
  planId: 'p-1',
  tenantId: 'demo',
  unitId: 'east-1',
  origin: 'detected',
  incidentId: 'i-1',
  complaintIds: ['c-1', 'c-2'],
  complainantCount: 20,
  signals: ['collective', 'government_petition'],
  coordinator: director,
  policy,
  about: '智能电表',
  reason: null,
  by: 'assignment',
  at,
  ...extra,
});

/** The plan opened as `openOnDetection` opens it (level 3, the director coordinating). */
export const opened: IncidentPlanEvent = {
  type: 'IncidentPlanOpened',
  data: {
    planId: 'p-1',
    tenantId: 'demo',
    unitId: 'east-1',
    origin: 'detected',
    incidentId: 'i-1',
    level: 'level_3',
    complainantCount: 20,
    signals: ['collective', 'government_petition'],
    coordinatorId: 'user-director1',
    complaintIds: ['c-1', 'c-2'],
    steps: policy.steps,
    reason: null,
    openedBy: 'assignment',
    openedAt: at,
  },
};

export const join = (
  complaintId: string,
  complainantCount: number,
  extra: Partial<AddComplaintToPlan> = {},
): AddComplaintToPlan => ({
  type: 'AddComplaintToPlan',
  complaintId,
  complainantCount,
  signals: [],
  levelRules: policy.levelRules,
  coordinatorLanguage: 'zh',
  by: 'assignment',
  at: later,
  ...extra,
});

export const stepDone = (
  stepId: string,
  by = 'user-manager1',
  note = '已安排VIP室接待',
): CompletePlanStep => ({
  type: 'CompletePlanStep',
  stepId,
  note,
  by,
  at: later,
});

export const closeBy = (by: string, overrides = false): ClosePlan => ({
  type: 'ClosePlan',
  note: '现场校验合格，居民接受解释',
  overrides,
  by,
  at: later,
});

export const resolved = (complaintId: string): ResolvePlanMember => ({
  type: 'ResolvePlanMember',
  complaintId,
  resolution: 'closed',
  by: 'assignment',
  at: later,
});

export const memberResolved = (complaintId: string): IncidentPlanEvent => ({
  type: 'IncidentPlanMemberResolved',
  data: { planId: 'p-1', complaintId, resolution: 'closed', resolvedAt: later },
});

export const closedAs = (
  closure: 'resolved' | 'merged' | 'emptied',
  by = 'assignment',
): IncidentPlanEvent => ({
  type: 'IncidentPlanClosed',
  data: { planId: 'p-1', closure, note: null, intoPlanId: null, closedBy: by, closedAt: later },
});
