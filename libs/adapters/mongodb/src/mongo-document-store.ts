import type { Document, DocumentStore } from '@kesu/ports';
import type { Db } from 'mongodb';
import { MongoCollection } from './mongo-collection';

/**
 * Document collections on MongoDB, which the port's semantics are modelled on: documents by id,
 * update operators applied atomically by the server, filters and sorts served by the indexes
 * declared with `ensureIndex`. Each port collection is the MongoDB collection of the same name.
 */
export class MongoDocumentStore implements DocumentStore {
  constructor(private readonly db: Db) {}

  /** A collection by name: letters, digits, `_`, `.` and `-`, starting with a letter or `_`. */
  collection<T extends Document>(name: string): MongoCollection<T> {
    return new MongoCollection<T>(this.db, name);
  }

  async drop(name: string): Promise<void> {
    // dropping a collection that does not exist is not an error since MongoDB 7.0; before, it was
    await this.db.dropCollection(name).catch((error: unknown) => {
      if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
    });
  }
}
