import type { EscalationPolicy, IncidentPlanStepDefinition } from '@kesu/assignment-contracts';

/** The checklist of seed 003's plan (应对客户集体投诉事件现场处置方案), in the order it is run. */
export const SEED_PLAN_STEPS: readonly IncidentPlanStepDefinition[] = [
  {
    stepId: 'separate_room',
    name: {
      zh: '引导客户到单独的接待室（VIP室），安排专人接待',
      en: 'Receive the group in a separate room (VIP room) with a dedicated host',
    },
  },
  {
    stepId: 'talk_to_leader',
    name: {
      zh: '与领头人单独谈话，了解真实意图',
      en: "Talk to the group's leader alone to learn what they really want",
    },
  },
  {
    stepId: 'bring_technician',
    name: {
      zh: '联系专业技术人员到现场讲解',
      en: 'Bring the technician to explain on site',
    },
  },
  {
    stepId: 'metrology_calibration',
    name: {
      zh: '联系计量监督部门，与客户商定现场校验',
      en: 'Arrange on-site calibration with the metrology authority and the customers',
    },
  },
  {
    stepId: 'report_emergency_office',
    name: {
      zh: '向应急办公室汇报事件经过与进展',
      en: 'Report what happened and how it develops to the emergency office',
    },
  },
];

/**
 * The policy of a tenant that never changed its escalation policy: the seeds' rules (seed 004:
 * critical → the general manager the same day, major → the branch manager within 1 hour; seed 003:
 * a collective complaint → the centre director, who starts the level-3 plan), and the other
 * signals one or two levels up.
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  timeZone: 'Asia/Shanghai',
  levelRoles: { branch: 'branch_manager', region: 'supervisor', headquarters: 'director' },
  rules: [
    { trigger: 'critical', level: 'headquarters', respondWithin: { kind: 'same_day' } },
    { trigger: 'major', level: 'branch', respondWithin: { kind: 'within_hours', hours: 1 } },
    { trigger: 'collective', level: 'headquarters', respondWithin: { kind: 'within_hours', hours: 1 } },
    { trigger: 'media_exposure', level: 'region', respondWithin: { kind: 'within_hours', hours: 2 } },
    { trigger: 'government_petition', level: 'branch', respondWithin: { kind: 'within_hours', hours: 4 } },
    { trigger: 'legal_action', level: 'branch', respondWithin: { kind: 'within_hours', hours: 4 } },
    { trigger: 'repeat_complaint', level: 'department' },
    { trigger: 'sla_at_risk', level: 'next' },
    { trigger: 'sla_breached', level: 'next', respondWithin: { kind: 'same_day' } },
  ],
  incidentPlan: {
    coordinator: { level: 'headquarters', role: 'director' },
    levelRules: [
      { level: 'level_2', minComplainants: 50, anySignal: ['media_exposure'] },
      { level: 'level_1', minComplainants: 200, anySignal: ['injury_or_safety'] },
    ],
    steps: SEED_PLAN_STEPS,
  },
};
