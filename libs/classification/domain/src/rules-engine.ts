import {
  ESCALATION_SIGNALS,
  NATURES,
  SCOPES,
  SEVERITIES,
  type ClassificationInput,
  type EscalationSignal,
  type Nature,
  type Rule,
  type RuleCondition,
  type RuleSet,
  type Scope,
  type Severity,
} from './classification';

/** A problem found by a validator, with the path of the offending value (e.g. `rules[2].when.anyTerm[0]`). */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

/** What the rules decided, and which rules fired with the terms or fields that matched. */
export interface RuleApplication {
  readonly severity: Severity;
  readonly scope: Scope;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  readonly fired: readonly { readonly id: string; readonly matched: readonly string[] }[];
}

export interface DryRunResult extends RuleApplication {
  readonly explanation: { readonly zh: string; readonly en: string };
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

// ---------------------------------------------------------------- term matching

/** Text as rules see it: NFKC (full-width → half-width), lower case, whitespace collapsed. */
export function normaliseForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const HAN = /\p{Script=Han}/u;
const termPatterns = new Map<string, RegExp>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a (normalised) text contains a term. A term with Han characters matches as a substring
 * (Chinese has no spaces); any other term matches whole words only — not inside a longer Latin word or
 * number (`sue` does not match `issue`, `12345` not `123456`). A trailing `*` makes a Latin term a word
 * prefix (`lawyer*` matches `lawyers`).
 */
export function containsTerm(normalisedText: string, term: string): boolean {
  const t = normaliseForMatching(term);
  if (t === '' || t === '*') return false;
  if (HAN.test(t)) return normalisedText.includes(t.endsWith('*') ? t.slice(0, -1) : t);
  let pattern = termPatterns.get(t);
  if (!pattern) {
    const prefix = t.endsWith('*');
    const body = escapeRegExp(prefix ? t.slice(0, -1) : t).replace(/ /g, '\\s+');
    pattern = new RegExp(
      `(?<![\\p{Script=Latin}\\p{N}])${body}${prefix ? '' : '(?![\\p{Script=Latin}\\p{N}])'}`,
      'u',
    );
    termPatterns.set(t, pattern);
  }
  return pattern.test(normalisedText);
}

/** The terms (as written in the list) found in a normalised text, in list order, without duplicates. */
export function findTerms(normalisedText: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms) if (!found.includes(term) && containsTerm(normalisedText, term)) found.push(term);
  return found;
}

/** The text the rules read: description, expected remedy and the subject's name. */
export function ruleText(input: ClassificationInput): string {
  return normaliseForMatching(
    [input.description, input.expectedRemedy ?? '', input.subject?.name ?? ''].filter(Boolean).join(' \n '),
  );
}

// ---------------------------------------------------------------- evaluation

/** The evidence for a condition, or `undefined` when it does not hold. */
function evaluate(condition: RuleCondition, input: ClassificationInput, text: string): string[] | undefined {
  if ('anyTerm' in condition) {
    const found = findTerms(text, condition.anyTerm);
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
      const m = evaluate(c, input, text);
      if (!m) return undefined;
      matched.push(...m);
    }
    return unique(matched);
  }
  // any: every sub-condition that holds contributes its evidence
  let holds = false;
  const matched: string[] = [];
  for (const c of condition.any) {
    const m = evaluate(c, input, text);
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
 * in the order of ESCALATION_SIGNALS. `fired` lists each rule that held, in rule-set order, with the
 * matched terms and intake fields (`channel:…`, `complainantCount:…`, `emotion:…`, `repeatOf:…`).
 */
export function applyRules(input: ClassificationInput, rules: RuleSet): RuleApplication {
  const text = ruleText(input);
  let severity: Severity = RULE_BASELINE.severity;
  let scope: Scope = RULE_BASELINE.scope;
  const natures = new Set<Nature>();
  const signals = new Set<EscalationSignal>();
  const fired: { id: string; matched: string[] }[] = [];

  for (const rule of rules.rules) {
    const matched = evaluate(rule.when, input, text);
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

// ---------------------------------------------------------------- explanation

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

/** applyRules plus a readable account in zh and en of what was decided and why. */
export function dryRun(input: ClassificationInput, rules: RuleSet): DryRunResult {
  const result = applyRules(input, rules);
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

// ---------------------------------------------------------------- validation

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

const CONDITION_KEYS = [
  'anyTerm',
  'channelIn',
  'complainantCountAtLeast',
  'emotionIn',
  'isRepeat',
  'all',
  'any',
];

function validateStrings(value: unknown, path: string, what: string, problems: ValidationProblem[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ path, message: `${what} must be a non-empty list` });
    return;
  }
  value.forEach((v, i) => {
    if (!isNonEmptyString(v) || normaliseForMatching(v).replace(/\*$/, '') === '')
      problems.push({ path: `${path}[${i}]`, message: `${what} must be non-empty strings` });
  });
}

function validateCondition(c: unknown, path: string, problems: ValidationProblem[], depth: number): void {
  if (!isRecord(c)) {
    problems.push({ path, message: 'a condition must be an object' });
    return;
  }
  const keys = Object.keys(c);
  if (keys.length !== 1 || !CONDITION_KEYS.includes(keys[0])) {
    problems.push({ path, message: `a condition must have exactly one of ${CONDITION_KEYS.join(', ')}` });
    return;
  }
  if (depth > 8) {
    problems.push({ path, message: 'conditions nest too deeply (more than 8 levels)' });
    return;
  }
  const key = keys[0];
  const value = c[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'anyTerm':
      validateStrings(value, at, 'terms', problems);
      break;
    case 'channelIn':
      validateStrings(value, at, 'channels', problems);
      break;
    case 'emotionIn':
      validateStrings(value, at, 'emotions', problems);
      break;
    case 'complainantCountAtLeast':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        problems.push({ path: at, message: 'must be an integer ≥ 1' });
      break;
    case 'isRepeat':
      if (value !== true) problems.push({ path: at, message: 'must be true' });
      break;
    default:
      if (!Array.isArray(value) || value.length === 0) {
        problems.push({ path: at, message: `${key} must be a non-empty list of conditions` });
        break;
      }
      value.forEach((sub, i) => validateCondition(sub, `${at}[${i}]`, problems, depth + 1));
  }
}

/**
 * Checks a rule set (typically received through the API): a positive integer version, unique non-empty
 * rule ids, zh and en descriptions, well-formed conditions with non-empty term lists, known severities,
 * scopes, natures and signals, and at least one effect per rule. Returns [] when it is valid.
 */
export function validateRuleSet(ruleSet: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isRecord(ruleSet)) return [{ path: '', message: 'a rule set must be an object' }];
  const { version, rules } = ruleSet;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    problems.push({ path: 'version', message: 'must be an integer ≥ 1' });
  if (!Array.isArray(rules)) {
    problems.push({ path: 'rules', message: 'must be a list' });
    return problems;
  }
  const seen = new Set<string>();
  rules.forEach((rule: unknown, i) => {
    const path = `rules[${i}]`;
    if (!isRecord(rule)) {
      problems.push({ path, message: 'a rule must be an object' });
      return;
    }
    if (!isNonEmptyString(rule.id))
      problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
    else if (seen.has(rule.id))
      problems.push({ path: `${path}.id`, message: `duplicate rule id "${rule.id}"` });
    else seen.add(rule.id);
    const d = rule.description;
    for (const lang of ['zh', 'en'] as const)
      if (!isRecord(d) || !isNonEmptyString(d[lang]))
        problems.push({ path: `${path}.description.${lang}`, message: 'must be a non-empty string' });
    validateCondition(rule.when, `${path}.when`, problems, 0);
    const then = rule.then;
    if (!isRecord(then)) {
      problems.push({ path: `${path}.then`, message: 'must be an object' });
      return;
    }
    const known = ['minSeverity', 'scope', 'nature', 'signals'];
    for (const k of Object.keys(then))
      if (!known.includes(k)) problems.push({ path: `${path}.then.${k}`, message: 'unknown effect' });
    if (!known.some((k) => then[k] !== undefined))
      problems.push({ path: `${path}.then`, message: `must have at least one of ${known.join(', ')}` });
    const oneOf = (k: string, allowed: readonly string[]): void => {
      const v = then[k];
      if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v)))
        problems.push({ path: `${path}.then.${k}`, message: `must be one of ${allowed.join(', ')}` });
    };
    oneOf('minSeverity', SEVERITIES);
    oneOf('scope', SCOPES);
    oneOf('nature', NATURES);
    if (then.signals !== undefined) {
      if (!Array.isArray(then.signals))
        problems.push({ path: `${path}.then.signals`, message: 'must be a list' });
      else
        then.signals.forEach((s: unknown, j) => {
          if (typeof s !== 'string' || !(ESCALATION_SIGNALS as readonly string[]).includes(s))
            problems.push({
              path: `${path}.then.signals[${j}]`,
              message: `must be one of ${ESCALATION_SIGNALS.join(', ')}`,
            });
        });
    }
  });
  return problems;
}
