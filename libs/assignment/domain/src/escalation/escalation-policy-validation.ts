import { hasVisibleText } from '@kesu/text';
import {
  ESCALATION_LEVELS,
  ESCALATION_TRIGGERS,
  type EscalationPolicy,
  INCIDENT_PLAN_LEVELS,
} from '@kesu/assignment-contracts';
import type { FieldError } from '@kesu/kernel';
import { IANAZone } from 'luxon';

/** The bounds a policy keeps. */
export const ESCALATION_POLICY_LIMITS = {
  maxRoleLength: 50,
  /** A deadline of at most 30 days. */
  maxHours: 24 * 30,
  maxSteps: 20,
  maxStepNameLength: 200,
  maxComplainants: 1_000_000,
  maxReasonLength: 500,
} as const;

const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;
const ROLE = /^[a-z][a-z0-9_]*$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && hasVisibleText(value) && value.length <= max;
const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * What is wrong with a policy as a request gives it (any JSON), one entry per field by its path
 * (`rules.2.level`); none when it is a well-formed EscalationPolicy.
 */
export function escalationPolicyErrors(policy: unknown): FieldError[] {
  if (!isObject(policy)) return [{ field: 'policy', message: 'the policy must be an object' }];
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const { timeZone, levelRoles, rules, incidentPlan } = policy;
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone) || /^[+-]|^UTC[+-]/.test(timeZone))
    fail('timeZone', 'timeZone must name an IANA time zone, e.g. Asia/Shanghai');
  if (!isObject(levelRoles))
    fail('levelRoles', 'levelRoles must name the role of branch, region and headquarters');
  else
    for (const level of ['branch', 'region', 'headquarters'])
      if (!isRole(levelRoles[level]))
        fail(
          `levelRoles.${level}`,
          `levelRoles.${level} must be a role code (a-z, 0-9, _), at most 50 characters`,
        );
  if (!Array.isArray(rules)) fail('rules', 'rules must be a list');
  else ruleErrors(rules, fail);
  if (!isObject(incidentPlan)) fail('incidentPlan', 'incidentPlan must be an object');
  else planErrors(incidentPlan, fail);
  return errors;
}

const isRole = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= ESCALATION_POLICY_LIMITS.maxRoleLength && ROLE.test(value);

type Fail = (field: string, message: string) => void;

function ruleErrors(rules: unknown[], fail: Fail): void {
  const seen = new Set<unknown>();
  rules.forEach((rule, i) => {
    const at = `rules.${i}`;
    if (!isObject(rule)) return fail(at, 'a rule must be an object');
    if (!(ESCALATION_TRIGGERS as readonly unknown[]).includes(rule.trigger))
      fail(`${at}.trigger`, `trigger must be one of ${ESCALATION_TRIGGERS.join(', ')}`);
    else if (seen.has(rule.trigger)) fail(`${at}.trigger`, `${String(rule.trigger)} has a rule already`);
    seen.add(rule.trigger);
    if (![...ESCALATION_LEVELS, 'next'].includes(rule.level as string))
      fail(`${at}.level`, `level must be one of ${ESCALATION_LEVELS.join(', ')} or next`);
    if (rule.respondWithin !== undefined) deadlineErrors(rule.respondWithin, `${at}.respondWithin`, fail);
  });
}

function deadlineErrors(deadline: unknown, at: string, fail: Fail): void {
  if (!isObject(deadline)) return fail(at, 'respondWithin must be an object');
  if (deadline.kind === 'same_day') return;
  if (deadline.kind !== 'within_hours') return fail(`${at}.kind`, 'kind must be within_hours or same_day');
  const max = ESCALATION_POLICY_LIMITS.maxHours;
  if (typeof deadline.hours !== 'number' || !(deadline.hours > 0 && deadline.hours <= max))
    fail(`${at}.hours`, `hours must be above 0 and at most ${max}`);
}

function planErrors(plan: Json, fail: Fail): void {
  const { coordinator, levelRules, steps } = plan;
  if (!isObject(coordinator)) fail('incidentPlan.coordinator', 'coordinator must name a level and a role');
  else {
    if (!['branch', 'region', 'headquarters'].includes(coordinator.level as string))
      fail('incidentPlan.coordinator.level', 'level must be branch, region or headquarters');
    if (!isRole(coordinator.role)) fail('incidentPlan.coordinator.role', 'role must be a role code');
  }
  if (!Array.isArray(levelRules)) fail('incidentPlan.levelRules', 'levelRules must be a list');
  else levelRuleErrors(levelRules, fail);
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > ESCALATION_POLICY_LIMITS.maxSteps)
    fail('incidentPlan.steps', `steps must list 1 to ${ESCALATION_POLICY_LIMITS.maxSteps} steps`);
  else stepErrors(steps, fail);
}

function levelRuleErrors(rules: unknown[], fail: Fail): void {
  const seen = new Set<unknown>();
  rules.forEach((rule, i) => {
    const at = `incidentPlan.levelRules.${i}`;
    if (!isObject(rule)) return fail(at, 'a level rule must be an object');
    if (!INCIDENT_PLAN_LEVELS.slice(1).includes(rule.level as never))
      fail(`${at}.level`, 'level must be level_2 or level_1 (every plan is at least level_3)');
    else if (seen.has(rule.level)) fail(`${at}.level`, `${String(rule.level)} has a rule already`);
    seen.add(rule.level);
    const { minComplainants, anySignal } = rule;
    if (minComplainants === undefined && anySignal === undefined)
      fail(at, 'a level rule needs minComplainants, anySignal or both');
    if (
      minComplainants !== undefined &&
      !isWhole(minComplainants, 2, ESCALATION_POLICY_LIMITS.maxComplainants)
    )
      fail(`${at}.minComplainants`, 'minComplainants must be a whole number of at least 2');
    if (anySignal !== undefined) {
      const known = ESCALATION_TRIGGERS as readonly unknown[];
      if (!Array.isArray(anySignal) || anySignal.some((s) => !known.includes(s)))
        fail(`${at}.anySignal`, `anySignal must list triggers of ${ESCALATION_TRIGGERS.join(', ')}`);
    }
  });
}

function stepErrors(steps: unknown[], fail: Fail): void {
  const seen = new Set<unknown>();
  const max = ESCALATION_POLICY_LIMITS.maxStepNameLength;
  steps.forEach((step, i) => {
    const at = `incidentPlan.steps.${i}`;
    if (!isObject(step)) return fail(at, 'a step must be an object');
    if (typeof step.stepId !== 'string' || !STEP_ID.test(step.stepId))
      fail(`${at}.stepId`, 'stepId must be a code of a-z, 0-9 and _, starting with a letter, at most 40');
    else if (seen.has(step.stepId)) fail(`${at}.stepId`, `${step.stepId} is listed twice`);
    seen.add(step.stepId);
    const name = step.name;
    for (const language of ['zh', 'en'])
      if (!isObject(name) || !isText(name[language], max))
        fail(`${at}.name.${language}`, `name.${language} must be 1 to ${max} characters, not blank`);
  });
}

/** The policy a request gives, when it is well formed: only the fields a policy has. */
export function policyOf(valid: Json): EscalationPolicy {
  const policy = valid as unknown as EscalationPolicy;
  return {
    timeZone: policy.timeZone,
    levelRoles: {
      branch: policy.levelRoles.branch,
      region: policy.levelRoles.region,
      headquarters: policy.levelRoles.headquarters,
    },
    rules: policy.rules.map(({ trigger, level, respondWithin }) => ({
      trigger,
      level,
      ...(respondWithin &&
        (respondWithin.kind === 'same_day'
          ? { respondWithin: { kind: 'same_day' as const } }
          : { respondWithin: { kind: 'within_hours' as const, hours: respondWithin.hours } })),
    })),
    incidentPlan: {
      coordinator: {
        level: policy.incidentPlan.coordinator.level,
        role: policy.incidentPlan.coordinator.role,
      },
      levelRules: policy.incidentPlan.levelRules.map(({ level, minComplainants, anySignal }) => ({
        level,
        ...(minComplainants !== undefined && { minComplainants }),
        ...(anySignal !== undefined && { anySignal: [...new Set(anySignal)] }),
      })),
      steps: policy.incidentPlan.steps.map(({ stepId, name }) => ({
        stepId,
        name: { zh: name.zh.trim(), en: name.en.trim() },
      })),
    },
  };
}
