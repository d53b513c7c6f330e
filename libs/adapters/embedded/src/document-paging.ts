import type { FindOptions } from '@kesu/ports';
import { fieldExpression, type SqlCondition, type SqlValue } from './document-filter';

/** Ordering and keyset position of a `find`: sort field, then `_id`, both in the same direction. */
export interface PagePlan {
  readonly sortExpression: string;
  readonly orderBy: string;
  readonly after: SqlCondition;
  readonly limit: number;
}

export function pagePlan(options: FindOptions = {}): PagePlan {
  const sort = options.sort ?? { field: '_id', direction: 1 };
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid limit ${limit}`);
  const field = fieldExpression(sort.field);
  const direction = sort.direction === -1 ? 'DESC' : 'ASC';
  const after = options.cursor ? keyset(field, sort.direction === -1, decodeCursor(options.cursor)) : always;
  return { sortExpression: field, orderBy: `${field} ${direction}, id ${direction}`, after, limit };
}

const always: SqlCondition = { sql: '1', params: [] };

/** Rows after the cursor in sort order; null (missing) values sort first ascending, last descending. */
function keyset(field: string, descending: boolean, [value, id]: [SqlValue, string]): SqlCondition {
  if (!descending) {
    return value === null
      ? { sql: `${field} IS NOT NULL OR id > ?`, params: [id] }
      : { sql: `${field} > ? OR (${field} = ? AND id > ?)`, params: [value, value, id] };
  }
  return value === null
    ? { sql: `${field} IS NULL AND id < ?`, params: [id] }
    : { sql: `${field} < ? OR (${field} = ? AND id < ?) OR ${field} IS NULL`, params: [value, value, id] };
}

/** The opaque cursor: base64url JSON of the last item's sort value and id. */
export function encodeCursor(value: SqlValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [SqlValue, string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    typeof decoded[1] === 'string' &&
    (decoded[0] === null || ['number', 'string'].includes(typeof decoded[0]));
  if (!valid) throw new Error('invalid cursor');
  return decoded as [SqlValue, string];
}
