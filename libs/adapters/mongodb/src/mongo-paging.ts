import { type CursorPosition, decodeCursor, encodeCursor, type FindOptions } from '@kesu/ports';
import type { Document as BsonDocument } from 'mongodb';
import { type Comparable, validFieldPath } from './mongo-filter';

type Direction = 1 | -1;

/** Ordering and keyset position of a `find`: sort field, then `_id`, both in the same direction. */
export interface PagePlan {
  readonly field: string;
  readonly sort: ReadonlyArray<readonly [string, Direction]>;
  /** Documents after the cursor, or an empty query on the first page. */
  readonly after: BsonDocument;
  readonly limit: number;
}

export function pagePlan(options: FindOptions = {}): PagePlan {
  const sort = options.sort ?? { field: '_id', direction: 1 };
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid limit ${limit}`);
  const field = validFieldPath(sort.field);
  const direction: Direction = sort.direction === -1 ? -1 : 1;
  const after = options.cursor ? afterCursor(field, direction, decodeCursor(options.cursor)) : {};
  return { field, sort: sortOrder(field, direction), after, limit };
}

/** An array of pairs, not an object, so the tie-break on `_id` surely comes second. */
export function sortOrder(field: string, direction: Direction): ReadonlyArray<readonly [string, Direction]> {
  return field === '_id'
    ? [['_id', direction]]
    : [
        [field, direction],
        ['_id', direction],
      ];
}

/**
 * MongoDB's sort order of BSON types above null (missing fields sort as null). A range operator
 * only matches values of its operand's type, so the documents after a cursor also include every
 * value whose type sorts after (ascending) or before (descending) the cursor value's type.
 */
const typeOrder: readonly (readonly string[])[] = [
  ['number'],
  ['string', 'symbol'],
  ['object'],
  ['array'],
  ['binData'],
  ['objectId'],
  ['bool'],
  ['date'],
  ['timestamp'],
  ['regex'],
  ['maxKey'],
];

function typeRank(value: Exclude<Comparable, null>): number {
  const alias = typeof value === 'boolean' ? 'bool' : typeof value;
  return typeOrder.findIndex((aliases) => aliases.includes(alias));
}

/** The `$type` aliases that sort after (1) or before (-1) the value's type, null excluded. */
export function typesBeyond(value: Exclude<Comparable, null>, direction: Direction): string[] {
  const rank = typeRank(value);
  const beyond = direction === 1 ? typeOrder.slice(rank + 1) : typeOrder.slice(0, rank);
  return beyond.flat();
}

/**
 * The documents after the cursor in sort order: a greater (ascending) or smaller (descending) sort
 * value, or the same one with a greater (smaller) `_id`. Null and missing values sort first
 * ascending and last descending, as in MongoDB's own sort.
 */
export function afterCursor(field: string, direction: Direction, [value, id]: CursorPosition): BsonDocument {
  const beyond = direction === 1 ? '$gt' : '$lt';
  if (field === '_id') return { _id: { [beyond]: id } };
  const tie = { [field]: { $eq: value }, _id: { [beyond]: id } };
  if (value === null) return direction === 1 ? { $or: [{ [field]: { $ne: null } }, tie] } : tie;
  const branches: BsonDocument[] = [{ [field]: { [beyond]: value } }, tie];
  const types = typesBeyond(value, direction);
  if (types.length > 0) branches.push({ [field]: { $type: types } });
  if (direction === -1) branches.push({ [field]: { $eq: null } });
  return { $or: branches };
}

/**
 * The cursor after a document: its value at the sort field (missing reads as null) and its `_id`.
 * Only scalars can be carried in a cursor; MongoDB sorts arrays by an element and documents field by
 * field, which a keyset over one value cannot continue from.
 */
export function cursorAfter(doc: BsonDocument, field: string): string {
  const id = doc._id as unknown;
  if (typeof id !== 'string') throw new Error(`cannot page past a document whose _id is not a string`);
  const value = valueAt(doc, field) ?? null;
  const scalar =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value));
  if (!scalar) {
    throw new Error(
      `cannot page by '${field}': document '${id}' holds a value there that is not a string, finite number, boolean or null`,
    );
  }
  return encodeCursor(value, id);
}

/** The value at a dot path; an array on the way is returned as is, so the caller rejects it. */
function valueAt(doc: BsonDocument, path: string): unknown {
  let node: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(node)) return node;
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
