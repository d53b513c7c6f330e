import type {
  EscalationTrigger,
  IncidentPlanLevel,
  IncidentPlanLevelRule,
  LocalizedName,
} from '@kesu/assignment-contracts';
import { PLAN_LEVEL_LABELS, planLevelRank } from '../escalation/labels';

/**
 * The level a plan runs at: the highest whose rule holds — at least its number of people, or any of
 * its signals — and level 3 (三级) when none does.
 */
export function planLevelFor(
  rules: readonly IncidentPlanLevelRule[],
  complainantCount: number,
  signals: readonly EscalationTrigger[],
): IncidentPlanLevel {
  const holds = (rule: IncidentPlanLevelRule) =>
    (rule.minComplainants !== undefined && complainantCount >= rule.minComplainants) ||
    (rule.anySignal ?? []).some((signal) => signals.includes(signal));
  return rules
    .filter(holds)
    .map((rule) => rule.level as IncidentPlanLevel)
    .reduce<IncidentPlanLevel>(
      (high, level) => (planLevelRank(level) > planLevelRank(high) ? level : high),
      'level_3',
    );
}

/** What the coordinator of a plan that opened is told, in zh and en. */
export function planOpenedNotice(plan: {
  readonly level: IncidentPlanLevel;
  readonly complaintCount: number;
  readonly complainantCount: number;
  readonly about: string | null;
}): LocalizedName {
  const label = PLAN_LEVEL_LABELS[plan.level];
  const { complaintCount, complainantCount, about } = plan;
  return {
    zh:
      `集体投诉事件已启动${label.zh}预案（${complaintCount} 件投诉，${complainantCount} 人），由您协调。` +
      (about ? `事由：${about}` : ''),
    en:
      `A ${label.en} plan opened for a collective incident (${complaintCount} complaints, ${complainantCount} people); you coordinate it.` +
      (about ? ` About: ${about}` : ''),
  };
}

/** What the coordinator is told when the plan goes to a higher level. */
export function planRaisedNotice(level: IncidentPlanLevel, complainantCount: number): LocalizedName {
  const label = PLAN_LEVEL_LABELS[level];
  return {
    zh: `集体投诉事件预案已升至${label.zh}（${complainantCount} 人）。`,
    en: `The collective incident plan was raised to ${label.en} (${complainantCount} people).`,
  };
}
