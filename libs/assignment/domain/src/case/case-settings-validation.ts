import { APPROVAL_TIERS, type CaseSettings, REMEDY_TYPES } from '@kesu/assignment-contracts';
import type { FieldError } from '@kesu/kernel';
import { hasVisibleText } from '@kesu/text';

// Checking a tenant's case settings received through the API: every problem with the dot path of
// its value (`authorityLimits.1.remedyLimits.0.maxAmount`), as a 400 names it.

/** The most root causes a tenant lists. */
export const MAX_ROOT_CAUSES = 200;
/** The largest amount a limit may name (a larger one is written as no limit: null). */
export const MAX_LIMIT_AMOUNT = 1_000_000_000;

const CURRENCY = /^[A-Z]{3}$/;
const ROOT_CAUSE_CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** Names that reach an object's prototype: never a code that becomes a key. */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && hasVisibleText(v) && v.length <= max;
const isLimit = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_LIMIT_AMOUNT);

type Problems = FieldError[];

/**
 * The problems of a tenant's case settings, each naming its field: the currency (ISO 4217), one
 * authority limit for each tier of the chain (handler, department head, branch manager, general
 * manager) whose amounts never fall going up it, each remedy type's own limit at most once per tier,
 * and the root causes a finding may name (unique codes, a name in both languages). Empty: valid.
 */
export function validateCaseSettings(settings: unknown): FieldError[] {
  const problems: Problems = [];
  if (!isRecord(settings)) return [{ field: 'settings', message: 'must be an object' }];
  if (typeof settings.currency !== 'string' || !CURRENCY.test(settings.currency))
    problems.push({ field: 'currency', message: 'must be an ISO 4217 code such as CNY' });
  checkLimits(settings.authorityLimits, problems);
  checkRootCauses(settings.rootCauses, problems);
  return problems;
}

function checkLimits(limits: unknown, problems: Problems): void {
  if (!Array.isArray(limits)) {
    problems.push({ field: 'authorityLimits', message: 'must be a list' });
    return;
  }
  const seen = new Set<string>();
  limits.forEach((limit: unknown, i) => {
    const at = `authorityLimits.${i}`;
    if (!isRecord(limit)) return void problems.push({ field: at, message: 'must be an object' });
    if (!(APPROVAL_TIERS as readonly unknown[]).includes(limit.tier))
      problems.push({ field: `${at}.tier`, message: `must be one of ${APPROVAL_TIERS.join(', ')}` });
    else if (seen.has(limit.tier as string))
      problems.push({ field: `${at}.tier`, message: `${String(limit.tier)} is listed twice` });
    else seen.add(limit.tier as string);
    if (!isLimit(limit.maxAmount))
      problems.push({
        field: `${at}.maxAmount`,
        message: `must be an amount from 0 to ${MAX_LIMIT_AMOUNT}, or null for no limit`,
      });
    checkRemedyLimits(limit.remedyLimits, `${at}.remedyLimits`, problems);
  });
  for (const tier of APPROVAL_TIERS)
    if (!seen.has(tier))
      problems.push({
        field: 'authorityLimits',
        message: `name the limit of every tier: ${tier} is missing`,
      });
  if (problems.length === 0) checkRising(limits as CaseSettings['authorityLimits'], problems);
}

function checkRemedyLimits(remedyLimits: unknown, at: string, problems: Problems): void {
  if (!Array.isArray(remedyLimits)) return void problems.push({ field: at, message: 'must be a list' });
  const seen = new Set<unknown>();
  remedyLimits.forEach((own: unknown, j) => {
    const field = `${at}.${j}`;
    if (!isRecord(own)) return void problems.push({ field, message: 'must be an object' });
    if (!(REMEDY_TYPES as readonly unknown[]).includes(own.remedyType))
      problems.push({ field: `${field}.remedyType`, message: `must be one of ${REMEDY_TYPES.join(', ')}` });
    else if (seen.has(own.remedyType))
      problems.push({ field: `${field}.remedyType`, message: `${String(own.remedyType)} is listed twice` });
    seen.add(own.remedyType);
    if (!isLimit(own.maxAmount))
      problems.push({
        field: `${field}.maxAmount`,
        message: `must be an amount from 0 to ${MAX_LIMIT_AMOUNT}, or null for no limit`,
      });
  });
}

/** A tier up the chain approves at least what the one below it does (null: no limit). */
function checkRising(limits: CaseSettings['authorityLimits'], problems: Problems): void {
  const rank = (amount: number | null) => amount ?? Number.POSITIVE_INFINITY;
  const ordered = APPROVAL_TIERS.map((tier) => limits.findIndex((l) => l.tier === tier));
  for (let k = 1; k < ordered.length; k++) {
    const below = limits[ordered[k - 1]!]!;
    const i = ordered[k]!;
    if (rank(limits[i]!.maxAmount) < rank(below.maxAmount))
      problems.push({
        field: `authorityLimits.${i}.maxAmount`,
        message: `a ${limits[i]!.tier} approves at least what a ${below.tier} does (${below.maxAmount ?? 'no limit'})`,
      });
  }
}

function checkRootCauses(rootCauses: unknown, problems: Problems): void {
  if (!Array.isArray(rootCauses) || rootCauses.length === 0 || rootCauses.length > MAX_ROOT_CAUSES) {
    problems.push({ field: 'rootCauses', message: `must be a list of 1 to ${MAX_ROOT_CAUSES} root causes` });
    return;
  }
  const seen = new Set<unknown>();
  rootCauses.forEach((cause: unknown, i) => {
    const at = `rootCauses.${i}`;
    if (!isRecord(cause)) return void problems.push({ field: at, message: 'must be an object' });
    if (typeof cause.code !== 'string' || !ROOT_CAUSE_CODE.test(cause.code) || RESERVED.has(cause.code))
      problems.push({ field: `${at}.code`, message: 'must be a code such as billing_error' });
    else if (seen.has(cause.code))
      problems.push({ field: `${at}.code`, message: `${cause.code} is listed twice` });
    seen.add(cause.code);
    const name = isRecord(cause.name) ? cause.name : {};
    for (const language of ['zh', 'en'])
      if (!isText(name[language], 100))
        problems.push({ field: `${at}.name.${language}`, message: 'must be a name of 1 to 100 characters' });
  });
}
