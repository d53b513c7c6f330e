import type { FieldCondition, Filter } from '@kesu/ports';

/** A value SQLite can bind: booleans become 1/0, as `json_extract` returns them. */
export type SqlValue = null | number | string;

/** A SQL boolean expression and its bound parameters. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: SqlValue[];
}

const fieldPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks a dot path against a strict pattern, since paths are written into SQL and walked in objects. */
export function validFieldPath(path: string): string {
  if (!fieldPath.test(path) || path.split('.').some((segment) => forbiddenSegments.has(segment))) {
    throw new Error(`invalid field path '${path}'`);
  }
  return path;
}

/** The SQL expression of a document field: `_id` is the key column, other paths go through `json_extract`. */
export function fieldExpression(path: string): string {
  return validFieldPath(path) === '_id' ? 'id' : `json_extract(doc, '$.${path}')`;
}

export function sqlValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new Error(
    `cannot compare with ${JSON.stringify(value)}: only strings, finite numbers, booleans and null`,
  );
}

/**
 * Translates a filter to SQL over `json_extract`, values always bound. Missing fields read as null,
 * as in MongoDB; range operators only match values of the operand's type (numbers sort below text).
 * Conditions are ordered by cost: `$all`'s byte prefilters first, its `json_each` checks last.
 */
export function filterToSql(filter: Filter = {}): SqlCondition {
  const parts = Object.entries(filter).flatMap(([path, condition]) => fieldConditions(path, condition));
  return allOf([...parts].sort((a, b) => a.stage - b.stage));
}

/** A condition and when to test it: 0 cheap prefilters, 1 plain comparisons, 2 costly checks. */
interface StagedCondition extends SqlCondition {
  readonly stage: 0 | 1 | 2;
}

function allOf(parts: readonly SqlCondition[]): SqlCondition {
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function fieldConditions(path: string, condition: FieldCondition): StagedCondition[] {
  const field = fieldExpression(path);
  if (condition === null || typeof condition !== 'object') {
    return [{ ...equals(field, sqlValue(condition)), stage: 1 }];
  }
  return Object.entries(condition).flatMap(([operator, operand]) =>
    operator === '$all'
      ? containsAll(path, operand)
      : [{ ...operation(field, operator, operand), stage: 1 as const }],
  );
}

function operation(field: string, operator: string, operand: unknown): SqlCondition {
  switch (operator) {
    case '$eq':
      return equals(field, sqlValue(operand));
    case '$ne': {
      const value = sqlValue(operand);
      if (value === null) return { sql: `${field} IS NOT NULL`, params: [] };
      return { sql: `${field} IS NULL OR ${field} <> ?`, params: [value] };
    }
    case '$gt':
      return range(field, '>', sqlValue(operand));
    case '$gte':
      return range(field, '>=', sqlValue(operand));
    case '$lt':
      return range(field, '<', sqlValue(operand));
    case '$lte':
      return range(field, '<=', sqlValue(operand));
    case '$in':
      return oneOf(field, operand);
    default:
      throw new Error(`unsupported filter operator '${operator}'`);
  }
}

function equals(field: string, value: SqlValue): SqlCondition {
  return value === null ? { sql: `${field} IS NULL`, params: [] } : { sql: `${field} = ?`, params: [value] };
}

function range(field: string, comparison: string, value: SqlValue): SqlCondition {
  if (value === null) return comparison.endsWith('=') ? equals(field, null) : { sql: '0', params: [] };
  if (typeof value === 'number' && comparison.startsWith('>')) {
    return { sql: `${field} ${comparison} ? AND ${field} < ''`, params: [value] };
  }
  if (typeof value === 'string' && comparison.startsWith('<')) {
    return { sql: `${field} ${comparison} ? AND ${field} >= ''`, params: [value] };
  }
  return { sql: `${field} ${comparison} ?`, params: [value] };
}

function oneOf(field: string, operand: unknown): SqlCondition {
  if (!Array.isArray(operand)) throw new Error('$in takes an array');
  const values = operand.map(sqlValue);
  const present = values.filter((v) => v !== null);
  const parts: string[] = [];
  if (present.length > 0) parts.push(`${field} IN (${present.map(() => '?').join(', ')})`);
  if (present.length < values.length) parts.push(`${field} IS NULL`);
  return { sql: parts.length > 0 ? parts.join(' OR ') : '0', params: present };
}

/**
 * `$all`: for each value, an element of that JSON type and value among the field's array elements
 * (`json_each` of a scalar yields the scalar itself, as MongoDB matches it; an object's members,
 * whose keys are text, are not elements).
 *
 * No SQLite index holds array elements: a side table kept by triggers made writes 35 times slower
 * (1,900 instead of 66,000 documents/s with 160 elements each, in memory), so every candidate row
 * is checked.
 * To keep that cheap, each value's JSON text must first occur in the stored document text
 * (`instr`, a byte search), which rejects most rows before `json_each` parses any. This is exact
 * as a prefilter because documents are stored as `JSON.stringify` output, which writes an array
 * element exactly as `JSON.stringify` writes the value alone. Measured on 100,000 complaint views
 * (2.2 KB, 118 tokens each, file cache warm): a value in no document costs a full scan at 3.5 µs a
 * row (0.35 s), against 18 µs (1.8 s) with `json_each` alone; a value in many documents stops at
 * the page's limit within 2 ms.
 */
function containsAll(path: string, operand: unknown): StagedCondition[] {
  if (!Array.isArray(operand)) throw new Error('$all takes an array');
  const values = [...new Set(operand.map(sqlValueOf))];
  if (values.length === 0) return [{ ...never, stage: 1 }];
  if (validFieldPath(path) === '_id') {
    return values.map((value) => ({
      ...(typeof value === 'string' ? equals('id', value) : never),
      stage: 1,
    }));
  }
  const elements = `json_each(doc, '$.${path}')`;
  // Longer values tend to be rarer, so their prefilter goes first and rejects more rows.
  const texts = values.map((value) => JSON.stringify(value)).sort((a, b) => b.length - a.length);
  const prefilters = texts.map((text): StagedCondition => ({
    sql: 'instr(doc, ?) > 0',
    params: [text],
    stage: 0,
  }));
  const checks = values.map((value): StagedCondition => {
    const element = elementOfType(value);
    return {
      sql: `EXISTS (SELECT 1 FROM ${elements} WHERE typeof(key) <> 'text' AND ${element.sql})`,
      params: element.params,
      stage: 2,
    };
  });
  return [...prefilters, ...checks];
}

const never: SqlCondition = { sql: '0', params: [] };

/** A value of `$all`: a string, finite number or boolean (null has no element to match). */
function sqlValueOf(value: unknown): string | number | boolean {
  if (value === null) throw new Error('$all takes strings, finite numbers and booleans, not null');
  sqlValue(value);
  return value as string | number | boolean;
}

/** A `json_each` row holding this value, by JSON type: `true` is not the number 1. */
function elementOfType(value: string | number | boolean): SqlCondition {
  if (typeof value === 'boolean') return { sql: 'type = ?', params: [value ? 'true' : 'false'] };
  if (typeof value === 'number') return { sql: "type IN ('integer', 'real') AND value = ?", params: [value] };
  return { sql: "type = 'text' AND value = ?", params: [value] };
}
