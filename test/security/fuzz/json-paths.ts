import type { Attempt } from './fuzz.test-support';

/*
 * A valid body spoiled in one place: the paths of its values, and its JSON text with one value
 * replaced or one member added, written as raw JSON so that anything JSON can say may be sent.
 */

/** A path into a JSON document: keys and array indexes (the document itself is `[]`). */
export type JsonPath = ReadonlyArray<string | number>;

/** The paths of every value of a JSON document (the root is `[]`). */
export function pathsOf(value: unknown, at: JsonPath = []): JsonPath[] {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          pathsOf(child, [...at, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [at, ...inner];
}

export const valueAt = (document: unknown, path: JsonPath): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);

/** The paths of a document's values that satisfy `test`. */
export const pathsWhere = (document: unknown, test: (value: unknown, key?: string | number) => boolean) =>
  pathsOf(document).filter((path) => test(valueAt(document, path), path[path.length - 1]));

/** How a problem names the value at a path: its dot path (`complainant.phone`, `rules.0.id`), or `body`. */
export const fieldOf = (path: JsonPath): string => (path.length === 0 ? 'body' : path.join('.'));

const SENTINEL = '\u0000sentinel\u0000';
const SENTINEL_TEXT = JSON.stringify(SENTINEL);

/** The document as JSON text with the value at `path` replaced by the JSON text `raw`. */
export function withValueAt(document: unknown, path: JsonPath, raw: string): string {
  if (path.length === 0) return raw;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = SENTINEL;
  return JSON.stringify(copy).replace(SENTINEL_TEXT, () => raw);
}

/** The document as JSON text with a member `key: raw` added to the object at `path`. */
export function withMemberAt(document: unknown, path: JsonPath, key: string, raw: string): string {
  const copy = structuredClone(document) as Record<string, unknown>;
  const target = valueAt(copy, path) as Record<string, unknown>;
  target[SENTINEL] = SENTINEL;
  return JSON.stringify(copy).replace(
    `${SENTINEL_TEXT}:${SENTINEL_TEXT}`,
    () => `${JSON.stringify(key)}:${raw}`,
  );
}

/** The valid request's body as a document (undefined without one). */
export const documentOf = (valid: Attempt): unknown =>
  valid.body === undefined ? undefined : (JSON.parse(valid.body) as unknown);
