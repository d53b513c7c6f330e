import { type ComplaintReceivedData, type IntakeStatus, type SubjectType } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import type { Collection, Document, DocumentStore, Filter } from '@kesu/ports';

/** Intake's lookup of earlier complaints by complainant: one entry per identity key hash and complaint. */
export const IDENTITY_INDEX = 'intake_identity_index';

/** Where a complaint stands, as far as recognising duplicates and repeats goes. */
export type IndexedStatus = Exclude<IntakeStatus, 'none'> | 'closed';

export interface IdentityIndexEntry extends Document {
  readonly tenantId: string;
  /** Keyed hash of one identity key of the complainant (see IdentityKeys). */
  readonly keyHash: string;
  readonly complaintId: string;
  readonly reference: string;
  readonly branchId: string;
  readonly subjectType: SubjectType;
  readonly subjectName: string | null;
  /** The description's tokens (see `textTokens`). */
  readonly tokens: readonly string[];
  /** UTC ISO instant, so that strings compare as instants. */
  readonly receivedAt: string;
  readonly status: IndexedStatus;
  /** Global position of the event that set the status: older events never overwrite it. */
  readonly statusPosition: number;
}

/** What an entry records of its complaint, before the status. */
export type IndexedComplaint = Omit<
  IdentityIndexEntry,
  '_id' | 'tenantId' | 'keyHash' | 'status' | 'statusPosition'
>;

export const indexedComplaint = (
  data: ComplaintReceivedData,
  tokens: Iterable<string>,
): IndexedComplaint => ({
  complaintId: data.complaintId,
  reference: data.reference,
  branchId: data.branchId,
  subjectType: data.subject.type,
  subjectName: data.subject.name ?? null,
  tokens: [...tokens],
  receivedAt: new Date(data.receivedAt).toISOString(),
});

/**
 * The status an intake event leaves its complaint in, or undefined when it changes none. Follow-up's
 * `ComplaintClosed` (contracts/events/ComplaintClosed.v1, topic `complaints.followup.v1`, keyed
 * like every complaint event by the complaint id in `correlationId`) ends a complaint too: once
 * follow-up writes it, its topic joins the index's topics and the type maps to `closed` here.
 */
export function statusAfter(event: Pick<RecordedEvent, 'type' | 'data'>): IndexedStatus | undefined {
  switch (event.type) {
    case 'ComplaintReceived':
      return 'received';
    case 'ComplaintResolvedOnTheSpot':
      return 'resolved_on_the_spot';
    case 'ComplaintAccepted':
      return 'accepted';
    case 'ComplaintRejected':
      return 'rejected';
    case 'RejectionAppealed':
      return 'appealed';
    case 'AppealDecided':
      return (event.data as { outcome: string }).outcome === 'overturned' ? 'accepted' : 'rejected';
    case 'ComplaintWithdrawn':
      return 'withdrawn';
    case 'ComplaintMergedAsDuplicate':
      return 'merged';
    case 'ComplaintClosed':
      return 'closed';
    default:
      return undefined;
  }
}

/** Index operations; every write is idempotent and never moves a status back in time. */
export class IdentityIndex {
  readonly entries: Collection<IdentityIndexEntry>;

  constructor(documents: DocumentStore) {
    this.entries = documents.collection<IdentityIndexEntry>(IDENTITY_INDEX);
  }

  async ensureIndexes(): Promise<void> {
    await this.entries.ensureIndex(['tenantId', 'keyHash', 'receivedAt']);
    await this.entries.ensureIndex(['tenantId', 'complaintId']);
  }

  /** Adds (or completes) the entries of a complaint with its status as of `position`. */
  async record(
    tenantId: string,
    keyHashes: readonly string[],
    complaint: IndexedComplaint,
    status: IndexedStatus,
    position: number,
  ): Promise<void> {
    for (const keyHash of keyHashes) {
      const _id = `${tenantId}:${keyHash}:${complaint.complaintId}`;
      await this.entries.update(
        _id,
        { $set: { status, statusPosition: position }, $setOnInsert: { tenantId, keyHash, ...complaint } },
        { upsert: true, filter: { statusPosition: { $lt: position } } },
      );
    }
  }

  /** Moves the status of every entry of a complaint, unless a later event already set it. */
  async setStatus(
    tenantId: string,
    complaintId: string,
    status: IndexedStatus,
    position: number,
  ): Promise<void> {
    const { items } = await this.entries.find({ tenantId, complaintId }, { limit: 100 });
    for (const entry of items) {
      await this.entries.update(
        entry._id,
        { $set: { status, statusPosition: position } },
        { filter: { statusPosition: { $lt: position } } },
      );
    }
  }

  /** Every entry of these complaints of a tenant (each complaint has one per key hash of its complainant). */
  async entriesOf(tenantId: string, complaintIds: readonly string[]): Promise<IdentityIndexEntry[]> {
    const entries: IdentityIndexEntry[] = [];
    for (const complaintId of complaintIds) entries.push(...(await this.all({ tenantId, complaintId })));
    return entries;
  }

  /** Every entry of a tenant under any of these key hashes: the complaints of whoever they identify. */
  async entriesUnder(tenantId: string, keyHashes: readonly string[]): Promise<IdentityIndexEntry[]> {
    if (keyHashes.length === 0) return [];
    return this.all({ tenantId, keyHash: { $in: [...keyHashes] } });
  }

  /**
   * Removes every entry of these complaints (their complainant's personal data is erased, so no
   * later complaint is to be recognised as the same person's); answers how many there were.
   */
  async remove(tenantId: string, complaintIds: readonly string[]): Promise<number> {
    let removed = 0;
    for (const entry of await this.entriesOf(tenantId, complaintIds)) {
      if (await this.entries.delete(entry._id)) removed++;
    }
    return removed;
  }

  /** The entries of a tenant's complaints under any of these key hashes received since `since`, newest first. */
  async earlier(
    tenantId: string,
    keyHashes: readonly string[],
    since: string,
  ): Promise<IdentityIndexEntry[]> {
    if (keyHashes.length === 0) return [];
    const { items } = await this.entries.find(
      { tenantId, keyHash: { $in: [...keyHashes] }, receivedAt: { $gte: since } },
      { sort: { field: 'receivedAt', direction: -1 }, limit: 200 },
    );
    return items;
  }

  private async all(filter: Filter): Promise<IdentityIndexEntry[]> {
    const found: IdentityIndexEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.entries.find(filter, { limit: 200, ...(cursor && { cursor }) });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return found;
  }
}
