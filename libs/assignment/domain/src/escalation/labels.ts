import {
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationTrigger,
  INCIDENT_PLAN_LEVELS,
  type IncidentPlanLevel,
  type LocalizedName,
} from '@kesu/assignment-contracts';

/** How high a level stands in the chain: 1 for the department head up to 4 for headquarters (0: the handler). */
export const levelRank = (level: EscalationLevel | null): number =>
  level === null ? 0 : ESCALATION_LEVELS.indexOf(level) + 1;

/** Who each level is, as people read it. */
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, LocalizedName> = {
  department: { zh: '部门负责人', en: 'department head' },
  branch: { zh: '分公司经理', en: 'branch manager' },
  region: { zh: '区域负责人', en: 'region manager' },
  headquarters: { zh: '总经理（中心主任）', en: 'general manager (centre director)' },
};

/** What each trigger means, as people read it. */
export const TRIGGER_LABELS: Record<EscalationTrigger, LocalizedName> = {
  critical: { zh: '重大投诉', en: 'critical severity' },
  major: { zh: '重要投诉', en: 'major severity' },
  collective: { zh: '群体（集体）投诉', en: 'collective complaint' },
  media_exposure: { zh: '扬言媒体曝光', en: 'threat of media exposure' },
  government_petition: {
    zh: '扬言信访/12345',
    en: 'threat of a petition or government hotline (信访, 12345)',
  },
  legal_action: { zh: '扬言起诉/律师', en: 'threat of legal action' },
  injury_or_safety: { zh: '人身伤害/安全', en: 'injury or safety' },
  vulnerable_person: { zh: '弱势群体', en: 'vulnerable person' },
  vip_or_authority: { zh: '重要人士/权威身份', en: 'VIP or authority' },
  repeat_complaint: { zh: '重复投诉', en: 'repeat complaint' },
  sla_at_risk: { zh: '即将超时', en: 'time limit at risk' },
  sla_breached: { zh: '已超时', en: 'time limit breached' },
};

/** How high a plan level stands: 1 for level 3 (三级) up to 3 for level 1 (一级). */
export const planLevelRank = (level: IncidentPlanLevel): number => INCIDENT_PLAN_LEVELS.indexOf(level) + 1;

/** The plan levels, as people read them. */
export const PLAN_LEVEL_LABELS: Record<IncidentPlanLevel, LocalizedName> = {
  level_3: { zh: '三级预警', en: 'level 3 warning' },
  level_2: { zh: '二级预警', en: 'level 2 warning' },
  level_1: { zh: '一级预警', en: 'level 1 warning' },
};

/** The triggers in both languages, joined as a list. */
export function triggerList(triggers: readonly EscalationTrigger[]): LocalizedName {
  return {
    zh: triggers.map((t) => TRIGGER_LABELS[t].zh).join('、'),
    en: triggers.map((t) => TRIGGER_LABELS[t].en).join(', '),
  };
}
