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
 */
export function filterToSql(filter: Filter = {}): SqlCondition {
  const parts = Object.entries(filter).map(([path, condition]) =>
    fieldCondition(fieldExpression(path), condition),
  );
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function fieldCondition(field: string, condition: FieldCondition): SqlCondition {
  if (condition === null || typeof condition !== 'object') return equals(field, sqlValue(condition));
  const parts = Object.entries(condition).map(([operator, operand]) => operation(field, operator, operand));
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
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
