// Applying a rule set to a complaint: which rules fire, and the severity, scope, nature and signals.
import {
  ESCALATION_SIGNALS,
  type EscalationSignal,
  type Nature,
  type RuleCondition,
  type RuleSet,
  type Scope,
  SEVERITIES,
  type Severity,
} from '@kesu/classification-contracts';
import { type ClassificationInput, DEFAULT_COLLECTIVE_THRESHOLD, type RulePolicy } from '../classification';
import { findAffirmedTerms, normaliseForMatching } from './term-matching';

/** What the rules decided, and which rules fired with the terms or fields that matched. */
export interface RuleApplication {
  readonly severity: Severity;
  readonly scope: Scope;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  readonly fired: readonly { readonly id: string; readonly matched: readonly string[] }[];
}

/**
 * The baseline before any rule fires: a complaint is `minor`, `individual` and `effective` until a
 * rule says otherwise. Severity is only ever raised (the highest `minSeverity` of the fired rules).
 */
export const RULE_BASELINE = { severity: 'minor', scope: 'individual', nature: 'effective' } as const;

/**
 * Nature precedence when several rules set one: `effective` wins (a communication-type complaint is
 * only recognised when nothing marks the text as a real complaint), then help-seeking, inquiry, venting.
 */
export const NATURE_PRECEDENCE: readonly Nature[] = ['effective', 'help_seeking', 'inquiry', 'venting'];

/** The text the rules read: description, expected remedy and the subject's name. */
export function ruleText(input: ClassificationInput): string {
  return normaliseForMatching(
    [input.description, input.expectedRemedy ?? '', input.subject?.name ?? ''].filter(Boolean).join(' \n '),
  );
}

/** The evidence for a condition, or `undefined` when it does not hold. */
function evaluate(
  condition: RuleCondition,
  input: ClassificationInput,
  text: string,
  policy: RulePolicy,
): string[] | undefined {
  if ('anyTerm' in condition) {
    const found = findAffirmedTerms(text, condition.anyTerm);
    return found.length > 0 ? found : undefined;
  }
  if ('channelIn' in condition) {
    return condition.channelIn.includes(input.channel) ? [`channel:${input.channel}`] : undefined;
  }
  if ('complainantCountAtLeast' in condition) {
    return input.complainantCount >= condition.complainantCountAtLeast
      ? [`complainantCount:${input.complainantCount}`]
      : undefined;
  }
  if ('collectiveComplainants' in condition) {
    const threshold = policy.collectiveThreshold ?? DEFAULT_COLLECTIVE_THRESHOLD;
    return input.complainantCount >= threshold ? [`complainantCount:${input.complainantCount}`] : undefined;
  }
  if ('emotionIn' in condition) {
    return input.emotion !== undefined && condition.emotionIn.includes(input.emotion)
      ? [`emotion:${input.emotion}`]
      : undefined;
  }
  if ('isRepeat' in condition) {
    return input.repeatOf ? [`repeatOf:${input.repeatOf}`] : undefined;
  }
  if ('all' in condition) {
    const matched: string[] = [];
    for (const c of condition.all) {
      const m = evaluate(c, input, text, policy);
      if (!m) return undefined;
      matched.push(...m);
    }
    return unique(matched);
  }
  // any: every sub-condition that holds contributes its evidence
  let holds = false;
  const matched: string[] = [];
  for (const c of condition.any) {
    const m = evaluate(c, input, text, policy);
    if (m) {
      holds = true;
      matched.push(...m);
    }
  }
  return holds ? unique(matched) : undefined;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/**
 * Applies a rule set to a complaint. Severity starts at `minor` and is raised to the highest
 * `minSeverity` among the fired rules, never lowered; scope becomes `collective` if any fired rule
 * says so; nature follows {@link NATURE_PRECEDENCE} (default `effective`); signals are the union,
 * in the order of ESCALATION_SIGNALS. `collectiveComplainants` holds from the policy's collective
 * threshold (DEFAULT_COLLECTIVE_THRESHOLD when absent). `fired` lists each rule that held, in rule-set order, with the
 * matched terms and intake fields (`channel:…`, `complainantCount:…`, `emotion:…`, `repeatOf:…`).
 */
export function applyRules(
  input: ClassificationInput,
  rules: RuleSet,
  policy: RulePolicy = {},
): RuleApplication {
  const text = ruleText(input);
  let severity: Severity = RULE_BASELINE.severity;
  let scope: Scope = RULE_BASELINE.scope;
  const natures = new Set<Nature>();
  const signals = new Set<EscalationSignal>();
  const fired: { id: string; matched: string[] }[] = [];

  for (const rule of rules.rules) {
    const matched = evaluate(rule.when, input, text, policy);
    if (!matched) continue;
    fired.push({ id: rule.id, matched });
    const then = rule.then;
    if (then.minSeverity && rank(then.minSeverity) > rank(severity)) severity = then.minSeverity;
    if (then.scope === 'collective') scope = 'collective';
    if (then.nature) natures.add(then.nature);
    for (const s of then.signals ?? []) signals.add(s);
  }

  const nature = NATURE_PRECEDENCE.find((n) => natures.has(n)) ?? RULE_BASELINE.nature;
  return {
    severity,
    scope,
    nature,
    signals: ESCALATION_SIGNALS.filter((s) => signals.has(s)),
    fired,
  };
}
