// How rule decisions read, in zh and en: the labels of the vocabulary and a dry run's explanation.
import {
  type EscalationSignal,
  type Nature,
  type Rule,
  type RuleSet,
  type Scope,
  type Severity,
} from '@kesu/classification-contracts';
import type { ClassificationInput, RulePolicy } from '../classification';
import { applyRules, type RuleApplication } from './evaluation';

export interface DryRunResult extends RuleApplication {
  readonly explanation: { readonly zh: string; readonly en: string };
}

export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  minor: { zh: '轻微', en: 'minor' },
  general: { zh: '一般', en: 'general' },
  major: { zh: '重要', en: 'major' },
  critical: { zh: '重大', en: 'critical' },
};

export const SCOPE_LABELS: Record<Scope, { zh: string; en: string }> = {
  individual: { zh: '单个客户', en: 'individual' },
  collective: { zh: '群体（集体投诉）', en: 'collective' },
};

export const NATURE_LABELS: Record<Nature, { zh: string; en: string }> = {
  effective: { zh: '有效投诉', en: 'effective complaint' },
  help_seeking: { zh: '求助型（沟通性投诉）', en: 'help-seeking (communication-type)' },
  inquiry: { zh: '咨询型（沟通性投诉）', en: 'inquiry (communication-type)' },
  venting: { zh: '发泄型（沟通性投诉）', en: 'venting (communication-type)' },
};

export const SIGNAL_LABELS: Record<EscalationSignal, { zh: string; en: string }> = {
  media_exposure: { zh: '媒体曝光', en: 'media exposure' },
  government_petition: { zh: '政府热线/信访', en: 'government hotline or petition' },
  legal_action: { zh: '法律途径', en: 'legal action' },
  injury_or_safety: { zh: '人身伤害/安全', en: 'injury or safety' },
  vulnerable_person: { zh: '弱势群体', en: 'vulnerable person' },
  repeat_complaint: { zh: '重复投诉', en: 'repeat complaint' },
  vip_or_authority: { zh: '重要人士/权威身份', en: 'VIP or authority' },
};

/** applyRules (under the tenant's policy) plus a readable account in zh and en of what was decided and why. */
export function dryRun(input: ClassificationInput, rules: RuleSet, policy: RulePolicy = {}): DryRunResult {
  const result = applyRules(input, rules, policy);
  const byId = new Map<string, Rule>(rules.rules.map((r) => [r.id, r]));
  const lines = (lang: 'zh' | 'en'): string => {
    const zh = lang === 'zh';
    const sep = zh ? '；' : '; ';
    const signals = result.signals.map((s) => SIGNAL_LABELS[s][lang]).join(zh ? '、' : ', ');
    const head = [
      `${zh ? '严重程度' : 'Severity'}: ${SEVERITY_LABELS[result.severity][lang]}`,
      `${zh ? '范围' : 'scope'}: ${SCOPE_LABELS[result.scope][lang]}`,
      `${zh ? '性质' : 'nature'}: ${NATURE_LABELS[result.nature][lang]}`,
      `${zh ? '升级信号' : 'signals'}: ${signals || (zh ? '无' : 'none')}`,
    ].join(sep);
    const ruleSetLine = zh ? `规则集版本 ${rules.version}。` : `Rule set version ${rules.version}.`;
    if (result.fired.length === 0) {
      return [
        `${head}.`,
        ruleSetLine,
        zh
          ? '没有规则触发：采用基线（轻微、单个客户、有效投诉）。'
          : 'No rule fired: the baseline applies (minor, individual, effective complaint).',
      ].join('\n');
    }
    const fired = result.fired.map((f) => {
      const rule = byId.get(f.id);
      const what = rule ? rule.description[lang] : '';
      return `- ${f.id}${what ? ` (${what})` : ''}: ${zh ? '匹配' : 'matched'} ${f.matched.join(', ')}`;
    });
    return [`${head}.`, ruleSetLine, zh ? '触发的规则：' : 'Rules fired:', ...fired].join('\n');
  };
  return { ...result, explanation: { zh: lines('zh'), en: lines('en') } };
}
