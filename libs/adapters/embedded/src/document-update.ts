import type { Document, Update } from '@kesu/ports';
import { validFieldPath } from './document-filter';

type Fields = Record<string, unknown>;

/**
 * Applies MongoDB update operators to a document (null: the document is being inserted, so
 * `$setOnInsert` applies too) and returns it. `_id` is immutable.
 */
export function applyUpdate(current: Document | null, id: string, update: Update): Document {
  const doc: Fields = current ? { ...current } : { _id: id };
  if (!current) forEach(update.$setOnInsert, (path, value) => setPath(doc, path, value));
  forEach(update.$set, (path, value) => setPath(doc, path, value));
  forEach(update.$inc, (path, by) => {
    const value = getPath(doc, path);
    if (typeof by !== 'number') throw new Error(`$inc of '${path}' needs a number`);
    if (value !== undefined && value !== null && typeof value !== 'number') {
      throw new Error(`cannot $inc '${path}': it is not a number`);
    }
    setPath(doc, path, ((value as number | null | undefined) ?? 0) + by);
  });
  forEach(update.$max, (path, value) => {
    const existing = getPath(doc, path);
    if (existing === undefined || compare(value, existing) > 0) setPath(doc, path, value);
  });
  forEach(update.$unset, (path) => unsetPath(doc, path));
  return { ...doc, _id: id };
}

function forEach<T>(
  fields: Readonly<Record<string, T>> | undefined,
  apply: (path: string, value: T) => void,
): void {
  for (const [path, value] of Object.entries(fields ?? {})) {
    if (validFieldPath(path) === '_id' || path.startsWith('_id.')) throw new Error('_id cannot be updated');
    apply(path, value);
  }
}

function getPath(doc: Fields, path: string): unknown {
  let node: unknown = doc;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Fields)[segment];
  }
  return node;
}

/** Copies each object on the way down, so the caller's nested objects are never mutated. */
function setPath(doc: Fields, path: string, value: unknown): void {
  const segments = path.split('.');
  const last = segments.pop()!;
  let node = doc;
  for (const segment of segments) {
    const child = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (child !== undefined && (child === null || typeof child !== 'object' || Array.isArray(child))) {
      throw new Error(`cannot set '${path}': '${segment}' is not an object`);
    }
    node = node[segment] = { ...(child as Fields | undefined) };
  }
  node[last] = value;
}

function unsetPath(doc: Fields, path: string): void {
  const segments = path.split('.');
  const last = segments.pop()!;
  let node = doc;
  for (const segment of segments) {
    const child = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (child === null || typeof child !== 'object' || Array.isArray(child)) return;
    node = node[segment] = { ...(child as Fields) };
  }
  delete node[last];
}

/** MongoDB's order across types: null < numbers < strings < booleans; within a type, natural order. */
function compare(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    ['object', 'number', 'string', 'boolean'].indexOf(v === null ? 'object' : typeof v);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === b || a === null) return 0;
  return (a as number | string | boolean) > (b as number | string | boolean) ? 1 : -1;
}
