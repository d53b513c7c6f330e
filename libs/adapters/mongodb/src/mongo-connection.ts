import { MongoClient } from 'mongodb';
import { MongoDocumentStore } from './mongo-document-store';
import { MongoFileStore } from './mongo-file-store';
import { MongoKeyStore } from './mongo-key-store';

export interface MongoConnectionOptions {
  /** A MongoDB connection string; options such as `replicaSet` or `serverSelectionTimeoutMS` go in it. */
  readonly url: string;
  /** The database; by default the one named in the URL, else `kesu`. */
  readonly database?: string;
}

/** The document, key and file stores on one MongoDB database, sharing one client. */
export interface MongoStorage {
  readonly client: MongoClient;
  readonly documents: MongoDocumentStore;
  readonly keys: MongoKeyStore;
  readonly files: MongoFileStore;
  /** Closes the client and its connections. */
  close(): Promise<void>;
}

const DEFAULT_DATABASE = 'kesu';

/** The URL with its password replaced by `****`, fit for messages and logs. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:****@');
}

/** The database named in the URL's path (`mongodb://host/<database>?...`), if any. */
export function databaseInUrl(url: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/i.exec(url)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

/** The error's message, with the URL masked should the driver have quoted it. */
const messageOf = (error: unknown, url: string): string =>
  (error instanceof Error ? error.message : String(error)).replaceAll(url, maskPassword(url));

/**
 * Connects and pings the server, so a wrong address or refused credentials fail here, at startup,
 * with a message naming the server, rather than at the first query. The password never appears
 * in the message.
 */
export async function connectMongo(options: MongoConnectionOptions): Promise<MongoStorage> {
  const address = maskPassword(options.url);
  let client: MongoClient;
  try {
    client = new MongoClient(options.url, { ignoreUndefined: true });
  } catch (error) {
    throw new Error(`invalid MongoDB URL ${address}: ${messageOf(error, options.url)}`, { cause: error });
  }
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(`cannot reach MongoDB at ${address}: ${messageOf(error, options.url)}`, { cause: error });
  }
  const db = client.db(options.database ?? databaseInUrl(options.url) ?? DEFAULT_DATABASE);
  return {
    client,
    documents: new MongoDocumentStore(db),
    keys: new MongoKeyStore(db),
    files: new MongoFileStore(db),
    close: () => client.close(),
  };
}
