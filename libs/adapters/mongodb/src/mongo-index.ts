import type { CreateIndexesOptions } from 'mongodb';
import { validFieldPath } from './mongo-filter';

/** What `createIndex` is called with; null when MongoDB's own `_id` index already serves. */
export interface IndexDefinition {
  readonly keys: Record<string, 1>;
  readonly options: CreateIndexesOptions;
}

/**
 * The MongoDB index behind `ensureIndex`: ascending keys in the given order (MongoDB walks an
 * index either way, so it serves both sort directions).
 *
 * A unique index is partial, over the documents that have every one of its fields: MongoDB indexes
 * a missing field as null, so a plain unique index would let only one document lack the field,
 * whereas the embedded store's unique index leaves such documents out, as SQL does with NULL. It gets
 * a name of its own, since MongoDB keeps indexes on the same keys apart by name and partial filter.
 */
export function indexFor(fields: readonly string[], unique: boolean): IndexDefinition | null {
  if (fields.length === 0) throw new Error('an index needs at least one field');
  const paths = fields.map(validFieldPath);
  if (paths.every((path) => path === '_id')) return null;
  const keys = Object.fromEntries(paths.map((path) => [path, 1 as const]));
  if (!unique) return { keys, options: {} };
  const name = `${Object.keys(keys)
    .map((path) => `${path}_1`)
    .join('_')}_unique`;
  const partialFilterExpression = Object.fromEntries(paths.map((path) => [path, { $exists: true }]));
  return { keys, options: { unique: true, name, partialFilterExpression } };
}
