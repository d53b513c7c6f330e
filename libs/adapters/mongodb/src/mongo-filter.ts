import type { FieldCondition, Filter } from '@kesu/ports';
import type { Document as BsonDocument } from 'mongodb';

/** A value filters, cursors and `$max` compare with: the port's scalars, numbers finite. */
export type Comparable = string | number | boolean | null;

const fieldPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);
const comparisons = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);

/**
 * Checks a dot path against the embedded adapter's strict pattern. Paths become keys of MongoDB
 * queries and updates, so a `$` would turn data into an operator (`$where`, `$expr`) and a numeric
 * segment would reach into arrays; the same pattern on both stores keeps a path valid on one valid
 * on the other.
 */
export function validFieldPath(path: string): string {
  if (!fieldPath.test(path) || path.split('.').some((segment) => forbiddenSegments.has(segment))) {
    throw new Error(`invalid field path '${path}'`);
  }
  return path;
}

/** Checks an operand: objects and arrays would be compared as BSON documents, not as the port's scalars. */
export function comparable(value: unknown): Comparable {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new Error(
    `cannot compare with ${JSON.stringify(value)}: only strings, finite numbers, booleans and null`,
  );
}

/**
 * Translates a port filter to a MongoDB query. The operators are MongoDB's own, so semantics carry
 * over natively: a missing field equals null, and range operators only match values of the operand's
 * BSON type (numbers with numbers, strings with strings). Every value is checked and written under an
 * explicit operator, so no value can be read as a query document.
 */
export function filterToMongo(filter: Filter = {}): BsonDocument {
  const query: BsonDocument = {};
  for (const [path, condition] of Object.entries(filter)) {
    validFieldPath(path);
    const operators = fieldOperators(condition);
    // `{ field: {} }` would mean "equals the empty document" to MongoDB; on the port it matches anything.
    if (Object.keys(operators).length > 0) query[path] = operators;
  }
  return query;
}

/** Both queries at once, without an `$and` when one of them is empty. */
export function allOf(...queries: readonly BsonDocument[]): BsonDocument {
  const present = queries.filter((query) => Object.keys(query).length > 0);
  if (present.length === 0) return {};
  return present.length === 1 ? present[0]! : { $and: present };
}

function fieldOperators(condition: FieldCondition): BsonDocument {
  if (condition === null || typeof condition !== 'object') return { $eq: comparable(condition) };
  const operators: BsonDocument = {};
  for (const [operator, operand] of Object.entries(condition)) {
    operators[operator] = checkedOperand(operator, operand);
  }
  return operators;
}

function checkedOperand(operator: string, operand: unknown): Comparable | Comparable[] {
  if (comparisons.has(operator)) return comparable(operand);
  if (operator === '$in') {
    if (!Array.isArray(operand)) throw new Error('$in takes an array');
    return operand.map(comparable);
  }
  if (operator === '$all') {
    if (!Array.isArray(operand)) throw new Error('$all takes an array');
    // MongoDB's `$all: [null]` would match a missing field; the port leaves null out of `$all`.
    if (operand.includes(null)) throw new Error('$all takes strings, finite numbers and booleans, not null');
    return operand.map(comparable);
  }
  throw new Error(`unsupported filter operator '${operator}'`);
}
