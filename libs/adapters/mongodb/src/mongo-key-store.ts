import { newDataKey } from '@kesu/kernel';
import { type Clock, KeyErasedError, type KeyStore, SystemClock } from '@kesu/ports';
import { Binary, type Db, type Collection as DriverCollection } from 'mongodb';
import { DATA_KEYS_COLLECTION } from './mongo-collection';
import { isDuplicateIdError } from './mongo-errors';

/** A subject's entry: its key while it lives, a tombstone (`erased`, no key) once erased. */
interface DataKeyEntry {
  readonly _id: string;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly key?: Binary | Uint8Array;
  readonly createdAt?: Date;
  readonly erased?: true;
  readonly erasedAt?: Date;
}

const escapePart = (part: string): string => part.replaceAll('%', '%25').replaceAll(':', '%3A');

/**
 * The `_id` of a subject's entry, `<tenantId>:<subjectId>`. `%` and `:` inside the parts are
 * percent-escaped, so no two pairs share an id (tenant `a:b` and subject `c` against tenant `a` and
 * subject `b:c`), while the ids of one tenant still share a prefix the `_id` index can range over.
 */
export function dataKeyId(tenantId: string, subjectId: string): string {
  return `${escapePart(tenantId)}:${escapePart(subjectId)}`;
}

/** The key bytes of a live entry, copied out of the driver's buffer; null for a tombstone. */
function keyOf(entry: DataKeyEntry): Uint8Array | null {
  if (entry.erased || !entry.key) return null;
  return new Uint8Array(entry.key instanceof Binary ? entry.key.value() : entry.key);
}

/**
 * Per-person data keys in the `data_keys` collection, one entry per tenant and subject. Erasure
 * replaces the entry by a tombstone without the key, so a later `getOrCreate` rejects instead of
 * handing out a new key. The old bytes leave the document at once; MongoDB frees their storage (and
 * the oplog its copy of the entry) on its own schedule, which encryption at rest covers meanwhile.
 */
export class MongoKeyStore implements KeyStore {
  private readonly entries: DriverCollection<DataKeyEntry>;

  constructor(
    db: Db,
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.entries = db.collection<DataKeyEntry>(DATA_KEYS_COLLECTION);
  }

  async getOrCreate(tenantId: string, subjectId: string): Promise<Uint8Array> {
    const entry = (await this.find(tenantId, subjectId)) ?? (await this.create(tenantId, subjectId));
    const key = keyOf(entry);
    if (!key) throw new KeyErasedError(subjectId);
    return key;
  }

  async get(tenantId: string, subjectId: string): Promise<Uint8Array | null> {
    const entry = await this.find(tenantId, subjectId);
    return entry ? keyOf(entry) : null;
  }

  async erase(tenantId: string, subjectId: string): Promise<boolean> {
    const tombstone = { tenantId, subjectId, erased: true as const, erasedAt: this.clock.now() };
    const live = { _id: { $eq: dataKeyId(tenantId, subjectId) }, erased: { $ne: true as const } };
    const result = await this.entries.replaceOne(live, tombstone);
    return result.matchedCount > 0;
  }

  private find(tenantId: string, subjectId: string): Promise<DataKeyEntry | null> {
    return this.entries.findOne({ _id: { $eq: dataKeyId(tenantId, subjectId) } });
  }

  /**
   * Inserts a fresh key unless an entry exists, and reads back whichever entry is there: concurrent
   * first callers all get the key of the one insert that won, and an erasure in between is seen.
   */
  private async create(tenantId: string, subjectId: string): Promise<DataKeyEntry> {
    const id = dataKeyId(tenantId, subjectId);
    const fresh = { tenantId, subjectId, key: new Binary(newDataKey()), createdAt: this.clock.now() };
    try {
      const entry = await this.entries.findOneAndUpdate(
        { _id: { $eq: id } },
        { $setOnInsert: fresh },
        { upsert: true, returnDocument: 'after' },
      );
      if (entry) return entry;
    } catch (error) {
      // A concurrent caller inserted first (servers that do not retry such upserts themselves).
      if (!isDuplicateIdError(error)) throw error;
    }
    const entry = await this.find(tenantId, subjectId);
    if (!entry) throw new Error(`the data key of ${subjectId} vanished while it was created`);
    return entry;
  }
}
