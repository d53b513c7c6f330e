import type { Collection, Document, Filter, FindOptions, IndexOptions, Page, Update } from '@kesu/ports';
import type {
  AnyBulkWriteOperation,
  Document as BsonDocument,
  Db,
  Collection as DriverCollection,
  MongoClient,
} from 'mongodb';
import { isDuplicateIdError, isIndexOptionsConflict, isTransactionUnsupported } from './mongo-errors';
import { allOf, filterToMongo } from './mongo-filter';
import { type IndexDefinition, indexesFor } from './mongo-index';
import { cursorAfter, pagePlan } from './mongo-paging';
import { updateToMongo } from './mongo-update';

const collectionName = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/** The collection the key store keeps its data keys in, out of reach of document collections. */
export const DATA_KEYS_COLLECTION = 'data_keys';

/**
 * Checks a collection name: the embedded adapter's pattern (letters, digits, `_`, `.` and `-`,
 * starting with a letter or `_`), minus what MongoDB reserves (`system.*`) and the key store's
 * collection, whose keys must only ever be reached through the key store.
 */
export function validCollectionName(name: string): string {
  if (!collectionName.test(name) || name.startsWith('system.')) {
    throw new Error(`invalid collection name '${name}'`);
  }
  if (name === DATA_KEYS_COLLECTION) throw new Error(`collection name '${name}' is reserved for data keys`);
  return name;
}

/** Matches the document with this id; `$eq` keeps an id that is not a string from acting as a query. */
const byId = (id: string): BsonDocument => ({ _id: { $eq: id } });
const byIds = (ids: readonly string[]): BsonDocument => ({ _id: { $in: [...ids] } });

/**
 * One MongoDB collection with the port's semantics. Documents are stored as they are, the port's
 * `_id` being MongoDB's; filters and update operators are MongoDB's own, translated after checking.
 */
export class MongoCollection<T extends Document> implements Collection<T> {
  private readonly collection: DriverCollection<BsonDocument>;
  private readonly client: MongoClient;

  constructor(db: Db, name: string) {
    // Undefined fields are left out, as when the embedded store writes a document as JSON.
    this.collection = db.collection(validCollectionName(name), { ignoreUndefined: true });
    this.client = db.client;
  }

  async get(id: string): Promise<T | null> {
    return (await this.collection.findOne(byId(id))) as T | null;
  }

  async getMany(ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const docs = await this.collection.find(byIds(ids)).toArray();
    return docs as unknown as T[];
  }

  async put(doc: T): Promise<void> {
    await this.putMany([doc]);
  }

  /**
   * All or none: several documents are written in one transaction, which MongoDB only runs on a
   * replica set or a sharded cluster (the deployment runs a replica set, a single node one will do).
   * One document needs no transaction, a single replace being atomic by itself.
   */
  async putMany(docs: readonly T[]): Promise<void> {
    if (docs.some((doc) => typeof doc._id !== 'string')) throw new Error('a document needs a string _id');
    if (docs.length === 0) return;
    if (docs.length === 1) return this.replace(docs[0]!);
    const operations: AnyBulkWriteOperation<BsonDocument>[] = docs.map((doc) => ({
      replaceOne: { filter: byId(doc._id), replacement: doc, upsert: true },
    }));
    try {
      await this.client.withSession((session) =>
        session.withTransaction(() => this.collection.bulkWrite(operations, { session, ordered: true })),
      );
    } catch (error) {
      if (!isTransactionUnsupported(error)) throw error;
      throw new Error('putMany needs MongoDB to run as a replica set (transactions)', { cause: error });
    }
  }

  /**
   * Applies the update atomically with `findOneAndUpdate` on `{ _id, ...filter }`. An upsert whose
   * filter does not match the existing document makes MongoDB try to insert a second document with
   * the same `_id`; that duplicate key (or one from a concurrent upsert that inserted first) means
   * the document exists, so the update is tried once more without upsert: it applies if the document
   * matches by now, and yields null otherwise.
   *
   * As in MongoDB, an upsert that inserts also copies the filter's equality conditions into the new
   * document (the embedded store applies only the update operators there).
   */
  async update(
    id: string,
    update: Update,
    options: { upsert?: boolean; filter?: Filter } = {},
  ): Promise<T | null> {
    const changes = updateToMongo(update);
    const query = allOf(byId(id), filterToMongo(options.filter));
    if (!options.upsert) return this.findAndUpdate(query, changes, false);
    try {
      return await this.findAndUpdate(query, changes, true);
    } catch (error) {
      if (!isDuplicateIdError(error)) throw error;
      return this.findAndUpdate(query, changes, false);
    }
  }

  /** `replaceOne` on `{ _id, ...expected }`; with `expected` null, `insertOne` (a duplicate id: not written). */
  async replaceIf(doc: T, expected: Filter | null): Promise<boolean> {
    if (typeof doc._id !== 'string') throw new Error('a document needs a string _id');
    if (expected) {
      const query = allOf(byId(doc._id), filterToMongo(expected));
      return (await this.collection.replaceOne(query, doc)).matchedCount > 0;
    }
    try {
      await this.collection.insertOne(doc as BsonDocument);
      return true;
    } catch (error) {
      if (isDuplicateIdError(error)) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.collection.deleteOne(byId(id))).deletedCount > 0;
  }

  /**
   * A page in sort order, `_id` breaking ties. One document more than the limit is read to learn
   * whether another page follows, so the last page has a null `nextCursor`.
   */
  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Page<T>> {
    const query = filterToMongo(filter);
    const page = pagePlan(options);
    const docs = await this.collection
      .find(allOf(query, page.after))
      .sort(page.sort)
      .limit(page.limit + 1)
      .toArray();
    const items = docs.slice(0, page.limit);
    const last = items.at(-1);
    const nextCursor = docs.length > page.limit && last ? cursorAfter(last, page.field) : null;
    return { items: items as unknown as T[], nextCursor };
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.collection.countDocuments(filterToMongo(filter));
  }

  /**
   * Creates the indexes unless they exist; see `indexesFor` for why a unique one is partial. MongoDB
   * makes an index multikey by itself when it meets an array, so `multikey` changes nothing here.
   */
  async ensureIndex(fields: readonly string[], options: IndexOptions = {}): Promise<void> {
    if (options.multikey && options.unique) throw new Error('a multikey index cannot be unique');
    for (const index of indexesFor(fields, options.unique === true)) await this.createIndex(index);
  }

  /**
   * Creates an index; a named one that exists with other options (a unique index of an earlier
   * release, whose filter let explicit nulls collide) is dropped and created anew. Uniqueness is not
   * enforced for the moment between the two.
   */
  private async createIndex(index: IndexDefinition): Promise<void> {
    try {
      await this.collection.createIndex(index.keys, index.options);
    } catch (error) {
      const { name } = index.options;
      if (name === undefined || !isIndexOptionsConflict(error)) throw error;
      await this.collection.dropIndex(name);
      await this.collection.createIndex(index.keys, index.options);
    }
  }

  private async replace(doc: T): Promise<void> {
    try {
      await this.collection.replaceOne(byId(doc._id), doc, { upsert: true });
    } catch (error) {
      // Two upserts of a new id raced and the other inserted first: now it is a plain replace.
      if (!isDuplicateIdError(error)) throw error;
      await this.collection.replaceOne(byId(doc._id), doc, { upsert: true });
    }
  }

  private async findAndUpdate(
    query: BsonDocument,
    changes: BsonDocument,
    upsert: boolean,
  ): Promise<T | null> {
    return (await this.collection.findOneAndUpdate(query, changes, {
      upsert,
      returnDocument: 'after',
    })) as T | null;
  }
}
