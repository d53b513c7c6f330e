import {
  ESCALATION_SIGNALS,
  NATURES,
  SCOPES,
  SEVERITIES,
  type EscalationSignal,
  type Nature,
  type Rule,
  type RuleCondition,
  type RuleSet,
  type Scope,
  type Severity,
} from '@kesu/classification-contracts';
import { type ClassificationInput } from './classification';

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

interface ParsedTerm {
  /** The term normalised, as written (with its `*`). */
  readonly normalised: string;
  readonly body: string;
  readonly prefix: boolean;
}

/**
 * Terms as matched, by the term as written: every classification reads the same few hundred terms
 * of a tenant's rules and taxonomy, so each is normalised once (bounded: cleared when full).
 */
const parsedTerms = new Map<string, ParsedTerm | null>();
const MAX_PARSED_TERMS = 50_000;

/** The term as matched: normalised; `prefix` when it ends with `*`; undefined when it is empty. */
function parseTerm(term: string): ParsedTerm | undefined {
  let parsed = parsedTerms.get(term);
  if (parsed === undefined) {
    const t = normaliseForMatching(term);
    const prefix = t.endsWith('*');
    parsed = t === '' || t === '*' ? null : { normalised: t, body: prefix ? t.slice(0, -1) : t, prefix };
    if (parsedTerms.size >= MAX_PARSED_TERMS) parsedTerms.clear();
    parsedTerms.set(term, parsed);
  }
  return parsed ?? undefined;
}

function latinPattern(body: string, prefix: boolean): RegExp {
  const key = `${body}${prefix ? '*' : ''}`;
  let pattern = termPatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(
      `(?<![\\p{Script=Latin}\\p{N}])${escapeRegExp(body).replace(/ /g, '\\s+')}${
        prefix ? '' : '(?![\\p{Script=Latin}\\p{N}])'
      }`,
      'gu',
    );
    termPatterns.set(key, pattern);
  }
  return pattern;
}

/** Where a term occurs in a normalised text (start offsets), by the rules of {@link containsTerm}. */
export function termOccurrences(normalisedText: string, term: string): number[] {
  const parsed = parseTerm(term);
  if (!parsed) return [];
  const { body, prefix } = parsed;
  const found: number[] = [];
  if (HAN.test(body)) {
    for (let i = normalisedText.indexOf(body); i >= 0; i = normalisedText.indexOf(body, i + 1)) found.push(i);
    return found;
  }
  const pattern = latinPattern(body, prefix);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(normalisedText); m; m = pattern.exec(normalisedText)) {
    found.push(m.index);
    if (m[0] === '') pattern.lastIndex++;
  }
  return found;
}

/**
 * Whether a (normalised) text contains a term. A term with Han characters matches as a substring
 * (Chinese has no spaces); any other term matches whole words only — not inside a longer Latin word or
 * number (`sue` does not match `issue`, `12345` not `123456`). A trailing `*` makes a Latin term a word
 * prefix (`lawyer*` matches `lawyers`). Negation is not considered here (see {@link containsAffirmedTerm}):
 * the taxonomy's keywords name what a complaint is about, even when it is something missing (没有发票).
 */
export function containsTerm(normalisedText: string, term: string): boolean {
  const parsed = parseTerm(term);
  if (!parsed) return false;
  if (HAN.test(parsed.body)) return normalisedText.includes(parsed.body);
  const pattern = latinPattern(parsed.body, parsed.prefix);
  pattern.lastIndex = 0;
  return pattern.test(normalisedText);
}

// ---------------------------------------------------------------- negation

/**
 * Negation, as rules see it: a term occurrence is negated when a negation cue stands shortly before
 * it in the same clause (clauses end at punctuation and line breaks), so that 没有受伤, 未受伤,
 * 没人受伤, 不是要起诉, "not injured", "no one was hurt" or "I am not going to sue" fire no rule,
 * while 受伤了, 孩子被烫伤, "I was injured" and "we will sue" do.
 *
 * - A term with Han characters is negated by a Han cue ({@link HAN_NEGATION_CUES}) ending at most
 *   {@link HAN_NEGATION_WINDOW} characters before it (没人受伤: one character between).
 * - Any other term is negated by an English cue ({@link ENGLISH_NEGATION_CUES}, or a word ending in
 *   `n't`) with at most {@link ENGLISH_NEGATION_WINDOW} words between it and the term ("not going to sue").
 * - Pseudo-negations do not negate: a Han cue that begins one of {@link HAN_PSEUDO_NEGATIONS}
 *   (别逼我…, 协商未果…, 不会放过…), or an English cue followed by one of
 *   {@link ENGLISH_PSEUDO_NEGATION_WORDS} before the term ("won't hesitate to sue", "not only…").
 *
 * A rule's term matches when at least one of its occurrences is not negated ("没有受伤, 但孩子烫伤了"
 * fires on 烫伤). Only rule conditions (`anyTerm`) read negation; category keywords do not.
 */
export const HAN_NEGATION_CUES: readonly string[] = ['没有', '没', '未', '无', '不是', '不会', '并非', '别'];
export const HAN_NEGATION_WINDOW = 3;
export const HAN_PSEUDO_NEGATIONS: readonly string[] = [
  '别逼',
  '别怪',
  '别说',
  '没想到',
  '没办法',
  '没有办法',
  '没完没了',
  '没收',
  '未果',
  '无论',
  '无奈',
  '无法忍受',
  '不会放过',
  '不会善罢甘休',
  '不是不',
];
export const ENGLISH_NEGATION_CUES: readonly string[] = ['not', 'no', 'never', 'without', 'nobody', 'cannot'];
export const ENGLISH_NEGATION_WINDOW = 2;
export const ENGLISH_PSEUDO_NEGATION_WORDS: readonly string[] = [
  'hesitate',
  'only',
  'doubt',
  'afraid',
  'matter',
  'but',
];

/** Characters that end a clause: negation never reaches across them. */
const CLAUSE_END = /[,.;:!?，。；：！？、\n()（）"“”]/u;
const WORD = /[\p{L}\p{N}'’]+/gu;

/** The clause before an offset: the text from the last clause end up to it. */
function clauseBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  return text.slice(start, at);
}

function isEnglishCue(word: string): boolean {
  return ENGLISH_NEGATION_CUES.includes(word) || /n['’]t$/.test(word);
}

/** Whether the occurrence of `term` at offset `at` of a normalised text is negated (see above). */
export function isNegatedAt(normalisedText: string, term: string, at: number): boolean {
  const before = clauseBefore(normalisedText, at);
  if (HAN.test(term)) {
    const tail = before.slice(-(HAN_NEGATION_WINDOW + 4));
    const offset = before.length - tail.length;
    for (const cue of HAN_NEGATION_CUES) {
      for (let i = tail.indexOf(cue); i >= 0; i = tail.indexOf(cue, i + 1)) {
        const between = tail.length - (i + cue.length);
        if (between > HAN_NEGATION_WINDOW) continue;
        const from = before.slice(offset + i);
        if (HAN_PSEUDO_NEGATIONS.some((p) => from.startsWith(p))) continue;
        return true;
      }
    }
    return false;
  }
  const words = before.match(WORD) ?? [];
  const last = words.length - 1;
  for (let i = last; i >= 0 && last - i <= ENGLISH_NEGATION_WINDOW; i--) {
    if (!isEnglishCue(words[i]!)) continue;
    if (words.slice(i + 1).some((w) => ENGLISH_PSEUDO_NEGATION_WORDS.includes(w))) continue;
    return true;
  }
  return false;
}

/** Whether a normalised text contains a term at least once without a negation cue before it. */
export function containsAffirmedTerm(normalisedText: string, term: string): boolean {
  const parsed = parseTerm(term);
  if (!parsed) return false;
  return termOccurrences(normalisedText, term).some(
    (at) => !isNegatedAt(normalisedText, parsed.normalised, at),
  );
}

/** The terms (as written in the list) found in a normalised text, in list order, without duplicates. */
export function findTerms(normalisedText: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms) if (!found.includes(term) && containsTerm(normalisedText, term)) found.push(term);
  return found;
}

/** Like {@link findTerms}, but only terms that occur at least once un-negated: what rules match. */
export function findAffirmedTerms(normalisedText: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms)
    if (!found.includes(term) && containsAffirmedTerm(normalisedText, term)) found.push(term);
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
