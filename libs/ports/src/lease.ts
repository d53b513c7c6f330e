import type { Collection, Document, Filter } from './document-store';

/** What a lease holds at least: who holds it and, in epoch milliseconds, its last sign of life. */
export interface Lease {
  readonly owner: string;
  readonly heartbeatAt: number;
}

export interface TakeLeaseOptions<L extends Lease> {
  /** The document field holding the lease (null or absent: unclaimed). */
  readonly field: string;
  /** The lease to store; its `heartbeatAt` is now. */
  readonly lease: L;
  /** A lease whose heartbeat is older than this is taken over (its owner is presumed dead). */
  readonly leaseMs: number;
  /** What the document must also match (compare-and-set on its other fields). */
  readonly filter?: Filter;
  /** Other fields set together with the lease, in the same atomic update. */
  readonly set?: Readonly<Record<string, unknown>>;
}

/**
 * Takes the lease held in a document's field, atomically (a conditional update): when nobody holds
 * it, or its holder's heartbeat is older than `leaseMs`. Returns the document after the update, or
 * null when another live holder has it (or the document does not match `filter`). The document
 * must exist.
 */
export async function takeLease<T extends Document, L extends Lease>(
  collection: Collection<T>,
  id: string,
  options: TakeLeaseOptions<L>,
): Promise<T | null> {
  const { field, lease, leaseMs, filter = {}, set = {} } = options;
  const take = (condition: Filter) =>
    collection.update(id, { $set: { ...set, [field]: lease } }, { filter: { ...filter, ...condition } });
  return (
    (await take({ [field]: null })) ??
    (await take({ [`${field}.heartbeatAt`]: { $lt: lease.heartbeatAt - leaseMs } }))
  );
}

/**
 * Renews a lease its owner holds (the new `lease` must name the same owner). Returns the document
 * after the update, or null when the lease was taken over or released meanwhile.
 */
export function renewLease<T extends Document, L extends Lease>(
  collection: Collection<T>,
  id: string,
  field: string,
  lease: L,
  set: Readonly<Record<string, unknown>> = {},
): Promise<T | null> {
  return collection.update(
    id,
    { $set: { ...set, [field]: lease } },
    { filter: { [`${field}.owner`]: lease.owner } },
  );
}

/** Gives a lease up (the field becomes null) if `owner` still holds it; true when it did. */
export async function releaseLease<T extends Document>(
  collection: Collection<T>,
  id: string,
  field: string,
  owner: string,
): Promise<boolean> {
  return (
    (await collection.update(id, { $set: { [field]: null } }, { filter: { [`${field}.owner`]: owner } })) !==
    null
  );
}

/** Whether a lease is held by a live owner at `now` (epoch ms): it exists and beat within `leaseMs`. */
export const isLive = (lease: Lease | null | undefined, now: number, leaseMs: number): lease is Lease =>
  lease != null && lease.heartbeatAt >= now - leaseMs;
