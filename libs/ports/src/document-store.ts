/** A stored document: a JSON object with a string `_id`. */
export interface Document {
  readonly _id: string;
}

export type Scalar = string | number | boolean | null;

/**
 * Equality, or MongoDB-style operators on one field (dot paths reach into sub-documents). `$all`
 * matches when the field is an array holding every one of the values (or, as in MongoDB, a scalar
 * equal to the only value); values are non-null scalars, compared by type and value, and `$all: []`
 * matches nothing.
 */
export type FieldCondition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
      $in?: Scalar[];
      $all?: Exclude<Scalar, null>[];
    };

export type Filter = Readonly<Record<string, FieldCondition>>;

/** MongoDB update operators, applied atomically to one document. */
export interface Update {
  readonly $set?: Readonly<Record<string, unknown>>;
  readonly $setOnInsert?: Readonly<Record<string, unknown>>;
  readonly $inc?: Readonly<Record<string, number>>;
  readonly $unset?: Readonly<Record<string, true>>;
  readonly $max?: Readonly<Record<string, Scalar>>;
}

export interface IndexOptions {
  /** No two documents with every field present share their values. */
  readonly unique?: boolean;
  /** One of the fields holds arrays: the index serves `$all` on their elements. */
  readonly multikey?: boolean;
}

export interface FindOptions {
  /** Field and direction; `_id` breaks ties so paging is stable. */
  readonly sort?: { readonly field: string; readonly direction: 1 | -1 };
  readonly limit?: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface Collection<T extends Document> {
  get(id: string): Promise<T | null>;
  /** The documents with these ids that exist, in no particular order. */
  getMany(ids: readonly string[]): Promise<T[]>;
  /** Inserts or replaces the whole document. */
  put(doc: T): Promise<void>;
  /** Inserts or replaces several documents atomically: all or none (MongoDB bulkWrite of replaceOne upserts). */
  putMany(docs: readonly T[]): Promise<void>;
  /**
   * Applies update operators atomically, inserting when `upsert` and the document is missing. With
   * `filter`, the update applies only if the document also matches it (compare-and-set).
   * Returns the document after the update, or null when nothing matched.
   */
  update(id: string, update: Update, options?: { upsert?: boolean; filter?: Filter }): Promise<T | null>;
  /**
   * Replaces the whole document only while the stored one still matches `expected` (a filter it
   * matched when the caller read it), or, with `expected` null, inserts it only while there is none:
   * a compare-and-set of a whole document. Answers whether it was written; false means another
   * writer changed (or created) it first.
   */
  replaceIf(doc: T, expected: Filter | null): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  find(filter?: Filter, options?: FindOptions): Promise<Page<T>>;
  count(filter?: Filter): Promise<number>;
  /**
   * Declares fields that queries filter or sort on. `multikey` declares an index over the elements
   * of an array field (for `$all`): MongoDB builds it, the embedded store answers `$all` by scanning
   * and creates nothing (see its adapter for why and what it costs).
   */
  ensureIndex(fields: readonly string[], options?: IndexOptions): Promise<void>;
}

/** Document collections with MongoDB semantics: documents by id, atomic update operators, indexed queries. */
export interface DocumentStore {
  collection<T extends Document>(name: string): Collection<T>;
  /** Removes a collection, its documents and its indexes. Nothing when it does not exist. */
  drop(name: string): Promise<void>;
}

/** What a page cursor holds: the sort value and `_id` of the page's last document. */
export type CursorPosition = [Scalar, string];

/** The opaque cursor of `find`: base64url JSON of the last document's sort value and id. */
export function encodeCursor(value: Scalar, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else is rejected with `invalid cursor`. */
export function decodeCursor(cursor: string): CursorPosition {
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
    (decoded[0] === null || ['number', 'string', 'boolean'].includes(typeof decoded[0]));
  if (!valid) throw new Error('invalid cursor');
  return decoded as CursorPosition;
}
