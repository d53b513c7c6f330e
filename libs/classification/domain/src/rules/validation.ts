// Checking a rule set received through the API, each problem with the path of the offending value.
import { ESCALATION_SIGNALS, NATURES, SCOPES, SEVERITIES } from '@kesu/classification-contracts';
import { hasVisibleText } from '@kesu/text';
import { normaliseForMatching } from './term-matching';

/** A problem found by a validator, with the path of the offending value (e.g. `rules[2].when.anyTerm[0]`). */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string with a character a reader can see (not blank, not only control or invisible characters). */
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && hasVisibleText(v);

const CONDITION_KEYS = [
  'anyTerm',
  'channelIn',
  'complainantCountAtLeast',
  'collectiveComplainants',
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
    case 'collectiveComplainants':
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
