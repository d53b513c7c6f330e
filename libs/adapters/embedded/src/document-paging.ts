import { decodeCursor, type FindOptions } from '@kesu/ports';
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
  const after = options.cursor
    ? keyset(field, sort.direction === -1, cursorPosition(options.cursor))
    : always;
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

/** The cursor's position as SQL values: JSON booleans are stored (and compared) as 1 and 0 in SQLite. */
function cursorPosition(cursor: string): [SqlValue, string] {
  const [value, id] = decodeCursor(cursor);
  return [typeof value === 'boolean' ? Number(value) : value, id];
}
