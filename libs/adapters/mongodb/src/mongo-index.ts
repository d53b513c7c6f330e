import type { CreateIndexesOptions } from 'mongodb';
import { validFieldPath } from './mongo-filter';

/** What `createIndex` is called with. */
export interface IndexDefinition {
  readonly keys: Record<string, 1>;
  readonly options: CreateIndexesOptions;
}

/**
 * Every BSON type but null (and the deprecated undefined, DBPointer, symbol and code with scope,
 * which no driver writes): the values a unique index holds, as SQL leaves NULL out of uniqueness.
 */
export const INDEXED_TYPES = [
  'double',
  'string',
  'object',
  'array',
  'binData',
  'objectId',
  'bool',
  'date',
  'regex',
  'javascript',
  'int',
  'timestamp',
  'long',
  'decimal',
  'minKey',
  'maxKey',
] as const;

/**
 * The MongoDB indexes behind `ensureIndex`: ascending keys in the given order (MongoDB walks an
 * index either way, so it serves both sort directions); none for `_id`, which MongoDB always has.
 *
 * A unique index is partial, over the documents whose fields all hold a value other than null:
 * MongoDB indexes a missing field and an explicit null alike as null, and so would let only one
 * document lack the field or hold null in it, whereas the embedded store's unique index leaves
 * such documents out, as SQL does with NULL. `{$exists: true}` would still index explicit nulls,
 * so the filter names the types (`$type`). The query planner uses a partial index only for queries
 * that imply its filter, which no query naming the field's value proves of a `$type` filter: a
 * plain index on the same keys serves the queries and sorts, and the unique one, under a name of
 * its own, only keeps the values apart.
 */
export function indexesFor(fields: readonly string[], unique: boolean): IndexDefinition[] {
  if (fields.length === 0) throw new Error('an index needs at least one field');
  const paths = fields.map(validFieldPath);
  if (paths.every((path) => path === '_id')) return [];
  const keys = Object.fromEntries(paths.map((path) => [path, 1 as const]));
  const plain = { keys, options: {} };
  if (!unique) return [plain];
  const name = `${Object.keys(keys)
    .map((path) => `${path}_1`)
    .join('_')}_unique`;
  const partialFilterExpression = Object.fromEntries(
    paths.map((path) => [path, { $type: [...INDEXED_TYPES] }]),
  );
  return [plain, { keys, options: { unique: true, name, partialFilterExpression } }];
}
