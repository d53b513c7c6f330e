// Checking a taxonomy (a pack as it is loaded, or one received through the API), each problem with the
// path of the offending value.
import { TAXONOMY_PACKS } from '@kesu/classification-contracts';
import { hasVisibleText } from '@kesu/text';
import type { ValidationProblem } from '../rules/validation';

/** Every taxonomy has it at the top level; the keyword classifier falls back to it when nothing matches. */
export const FALLBACK_CATEGORY = 'other';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string with a character a reader can see (not blank, not only control or invisible characters). */
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && hasVisibleText(v);

/** Segments of lower-case letters, digits and `_`, joined by `.` (`billing.overcharge`), as in the packs. */
const CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
/** Segments that name a property of every object, so a code must not be one (models key by code). */
const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

function codeProblem(code: string): string | null {
  if (!CODE.test(code) || code.length > 200)
    return 'must be lower-case letters, digits and _, in segments joined by "." (at most 200 characters)';
  const reserved = code.split('.').find((segment) => RESERVED_SEGMENTS.has(segment));
  return reserved === undefined ? null : `"${reserved}" is reserved and cannot name a category`;
}

/**
 * Checks a taxonomy (typically received through the API): integer version ≥ 1, a known pack, unique
 * codes written as the packs write them (never `__proto__` or `constructor`, which would reach a
 * prototype where codes are keys), parents that exist and are top-level (two levels at most), non-empty zh and en names,
 * keyword lists of non-empty strings, department ids non-empty when given, and a top-level `other`
 * category (the fallback). Returns [] when it is valid.
 */
export function validateTaxonomy(taxonomy: unknown): ValidationProblem[] {
  if (!isRecord(taxonomy)) return [{ path: '', message: 'a taxonomy must be an object' }];
  const problems: ValidationProblem[] = [];
  const { version, pack, categories } = taxonomy;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    problems.push({ path: 'version', message: 'must be an integer ≥ 1' });
  if (typeof pack !== 'string' || !(TAXONOMY_PACKS as readonly string[]).includes(pack))
    problems.push({ path: 'pack', message: `must be one of ${TAXONOMY_PACKS.join(', ')}` });
  if (!Array.isArray(categories)) {
    problems.push({ path: 'categories', message: 'must be a list' });
    return problems;
  }
  const byCode = new Map<string, Record<string, unknown>>();
  categories.forEach((c: unknown, i) => {
    const path = `categories[${i}]`;
    if (!isRecord(c)) {
      problems.push({ path, message: 'a category must be an object' });
      return;
    }
    if (!isNonEmptyString(c.code))
      problems.push({ path: `${path}.code`, message: 'must be a non-empty string' });
    else if (codeProblem(c.code) !== null)
      problems.push({ path: `${path}.code`, message: codeProblem(c.code)! });
    else if (byCode.has(c.code))
      problems.push({ path: `${path}.code`, message: `duplicate category code "${c.code}"` });
    else byCode.set(c.code, c);
    for (const lang of ['zh', 'en'] as const)
      if (!isRecord(c.name) || !isNonEmptyString(c.name[lang]))
        problems.push({ path: `${path}.name.${lang}`, message: 'must be a non-empty string' });
    if (!Array.isArray(c.keywords)) problems.push({ path: `${path}.keywords`, message: 'must be a list' });
    else
      c.keywords.forEach((k: unknown, j) => {
        if (!isNonEmptyString(k))
          problems.push({ path: `${path}.keywords[${j}]`, message: 'must be a non-empty string' });
      });
    if (c.departmentId !== undefined && !isNonEmptyString(c.departmentId))
      problems.push({ path: `${path}.departmentId`, message: 'must be a non-empty string when given' });
  });
  categories.forEach((c: unknown, i) => {
    if (!isRecord(c) || c.parent === undefined) return;
    const path = `categories[${i}].parent`;
    if (!isNonEmptyString(c.parent)) {
      problems.push({ path, message: 'must be a non-empty string when given' });
      return;
    }
    if (c.parent === c.code) {
      problems.push({ path, message: 'a category cannot be its own parent' });
      return;
    }
    const parent = byCode.get(c.parent);
    if (!parent) problems.push({ path, message: `parent "${c.parent}" does not exist` });
    else if (parent.parent !== undefined)
      problems.push({
        path,
        message: `parent "${c.parent}" is itself a subcategory: two levels at most`,
      });
  });
  const fallback = byCode.get(FALLBACK_CATEGORY);
  if (!fallback || fallback.parent !== undefined)
    problems.push({ path: 'categories', message: `a top-level "${FALLBACK_CATEGORY}" category is required` });
  return problems;
}
