import { hasVisibleText } from '@kesu/text';
import {
  ASSIGNMENT_LEVELS,
  CHAIN_LEVELS,
  HOLDER_UNIT_KINDS,
  type RoutingPolicy,
} from '@kesu/assignment-contracts';
import { ESCALATION_SIGNALS, SCOPES, SEVERITIES } from '@kesu/classification-contracts';
import { CHANNELS, LANGUAGES } from '@kesu/intake-contracts';
import type { FieldError } from '@kesu/kernel';

// Checking a dispatch policy received through the API: every problem with the dot path of its value
// (`rules.2.when.severities.0`), as a 400 names it.

/** The most rules a policy holds. */
export const MAX_ROUTING_RULES = 200;
/** The most transfers a tenant may allow before a supervisor decides. */
export const MAX_TRANSFERS_LIMIT = 10;
/** The longest hand-over time a rule may give: a week, in minutes. */
export const MAX_HAND_OVER_MINUTES = 7 * 24 * 60;

const RULE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && hasVisibleText(v) && v.length <= max;

type Problems = FieldError[];

/** Lists every field of a condition: each a non-empty list of known values (or codes). */
const CONDITION_FIELDS: Readonly<Record<string, readonly string[] | RegExp>> = {
  categories: CODE,
  severities: SEVERITIES,
  scopes: SCOPES,
  channels: CHANNELS,
  branches: CODE,
  languages: LANGUAGES,
  signals: ESCALATION_SIGNALS,
};

function checkCondition(when: unknown, path: string, problems: Problems): void {
  if (!isRecord(when)) {
    problems.push({ field: path, message: 'must be an object (empty: every complaint)' });
    return;
  }
  for (const [key, values] of Object.entries(when)) {
    const allowed = CONDITION_FIELDS[key];
    const at = `${path}.${key}`;
    if (allowed === undefined) {
      problems.push({
        field: at,
        message: `unknown condition; one of ${Object.keys(CONDITION_FIELDS).join(', ')}`,
      });
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      problems.push({ field: at, message: 'must be a non-empty list' });
      continue;
    }
    values.forEach((value: unknown, i) => {
      const ok =
        typeof value === 'string' &&
        (allowed instanceof RegExp ? allowed.test(value) : allowed.includes(value));
      if (!ok)
        problems.push({
          field: `${at}.${i}`,
          message: allowed instanceof RegExp ? 'must be a code' : `must be one of ${allowed.join(', ')}`,
        });
    });
  }
}

function checkDepartment(department: unknown, path: string, problems: Problems): void {
  if (!isRecord(department)) {
    problems.push({
      field: path,
      message: 'must be { kind }, { departmentId } or { categoryKind, fallbackKind }',
    });
    return;
  }
  const keys = Object.keys(department).sort().join(',');
  const code = (key: string) => {
    if (typeof department[key] !== 'string' || !CODE.test(department[key]))
      problems.push({ field: `${path}.${key}`, message: 'must be a code' });
  };
  if (keys === 'kind') code('kind');
  else if (keys === 'departmentId') code('departmentId');
  else if (keys === 'categoryKind,fallbackKind') {
    if (department.categoryKind !== true)
      problems.push({ field: `${path}.categoryKind`, message: 'must be true' });
    code('fallbackKind');
  } else
    problems.push({
      field: path,
      message: 'must be { kind }, { departmentId } or { categoryKind, fallbackKind }',
    });
}

function checkTarget(target: unknown, path: string, problems: Problems): void {
  if (!isRecord(target)) {
    problems.push({ field: path, message: 'must be an object with department and level' });
    return;
  }
  const known = ['department', 'level', 'handOverWithinMinutes', 'handOverSameDay'];
  for (const key of Object.keys(target))
    if (!known.includes(key)) problems.push({ field: `${path}.${key}`, message: 'unknown field' });
  checkDepartment(target.department, `${path}.department`, problems);
  if (typeof target.level !== 'string' || !(ASSIGNMENT_LEVELS as readonly string[]).includes(target.level))
    problems.push({ field: `${path}.level`, message: `must be one of ${ASSIGNMENT_LEVELS.join(', ')}` });
  const minutes = target.handOverWithinMinutes;
  if (
    minutes !== undefined &&
    (typeof minutes !== 'number' ||
      !Number.isInteger(minutes) ||
      minutes < 1 ||
      minutes > MAX_HAND_OVER_MINUTES)
  )
    problems.push({
      field: `${path}.handOverWithinMinutes`,
      message: `must be a whole number from 1 to ${MAX_HAND_OVER_MINUTES}`,
    });
  if (target.handOverSameDay !== undefined && typeof target.handOverSameDay !== 'boolean')
    problems.push({ field: `${path}.handOverSameDay`, message: 'must be true or false' });
}

function checkRules(rules: unknown, problems: Problems): void {
  if (!Array.isArray(rules) || rules.length > MAX_ROUTING_RULES) {
    problems.push({ field: 'rules', message: `must be a list of at most ${MAX_ROUTING_RULES} rules` });
    return;
  }
  const seen = new Set<string>();
  rules.forEach((rule: unknown, i) => {
    const path = `rules.${i}`;
    if (!isRecord(rule)) {
      problems.push({ field: path, message: 'a rule must be an object with id, description, when and then' });
      return;
    }
    for (const key of Object.keys(rule))
      if (!['id', 'description', 'when', 'then'].includes(key))
        problems.push({ field: `${path}.${key}`, message: 'unknown field' });
    if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id) || rule.id === 'fallback')
      problems.push({
        field: `${path}.id`,
        message: 'must be a lower-case code (a-z, 0-9, _ . -), not "fallback"',
      });
    else if (seen.has(rule.id))
      problems.push({ field: `${path}.id`, message: `duplicate rule id "${rule.id}"` });
    else seen.add(rule.id);
    for (const lang of ['zh', 'en'] as const)
      if (!isRecord(rule.description) || !isText(rule.description[lang], 200))
        problems.push({
          field: `${path}.description.${lang}`,
          message: 'must be a text of 1 to 200 characters',
        });
    checkCondition(rule.when, `${path}.when`, problems);
    checkTarget(rule.then, `${path}.then`, problems);
  });
}

function checkWeights(weights: unknown, problems: Problems): void {
  if (!isRecord(weights)) {
    problems.push({
      field: 'severityWeights',
      message: `must give a weight for each of ${SEVERITIES.join(', ')}`,
    });
    return;
  }
  for (const key of Object.keys(weights))
    if (!(SEVERITIES as readonly string[]).includes(key))
      problems.push({ field: `severityWeights.${key}`, message: 'unknown severity' });
  for (const severity of SEVERITIES) {
    const w = weights[severity];
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0 || w > 100)
      problems.push({
        field: `severityWeights.${severity}`,
        message: 'must be a number above 0, at most 100',
      });
  }
}

function checkHolders(holders: unknown, problems: Problems): void {
  if (!isRecord(holders)) {
    problems.push({
      field: 'levelHolders',
      message: `must name the holders of ${CHAIN_LEVELS.join(' and ')}`,
    });
    return;
  }
  for (const key of Object.keys(holders))
    if (!(CHAIN_LEVELS as readonly string[]).includes(key))
      problems.push({ field: `levelHolders.${key}`, message: 'unknown level' });
  for (const level of CHAIN_LEVELS) {
    const holder = holders[level];
    const path = `levelHolders.${level}`;
    if (!isRecord(holder)) {
      problems.push({ field: path, message: 'must be { role, unitKind }' });
      continue;
    }
    if (typeof holder.role !== 'string' || !CODE.test(holder.role))
      problems.push({ field: `${path}.role`, message: 'must be a role code' });
    if (
      typeof holder.unitKind !== 'string' ||
      !(HOLDER_UNIT_KINDS as readonly string[]).includes(holder.unitKind)
    )
      problems.push({ field: `${path}.unitKind`, message: `must be one of ${HOLDER_UNIT_KINDS.join(', ')}` });
  }
}

/**
 * Checks a dispatch policy (without its version): rules with unique lower-case ids, zh and en
 * descriptions, known condition fields holding non-empty lists of known values, a target with one
 * form of department and a known level; a fallback target; a positive weight for every severity; a
 * whole number of transfers (0–10); the role and unit kind of each chain level. [] when valid.
 */
export function validateRoutingPolicy(
  policy: Omit<Record<keyof RoutingPolicy, unknown>, 'version'>,
): FieldError[] {
  const problems: Problems = [];
  checkRules(policy.rules, problems);
  checkTarget(policy.fallback, 'fallback', problems);
  checkWeights(policy.severityWeights, problems);
  const max = policy.maxTransfers;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > MAX_TRANSFERS_LIMIT)
    problems.push({
      field: 'maxTransfers',
      message: `must be a whole number from 0 to ${MAX_TRANSFERS_LIMIT}`,
    });
  checkHolders(policy.levelHolders, problems);
  return problems;
}
