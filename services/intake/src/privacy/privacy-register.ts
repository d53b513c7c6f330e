import type { Collection, Document, DocumentStore, Filter } from '@kesu/ports';

/** Intake's record of each complaint, for its complainant's rights: where it is and when it ended. */
export const PRIVACY_COMPLAINTS = 'intake_privacy_complaints';
/** Which data subject (key-store subject id) each complaint's complainant was sealed for. */
export const PRIVACY_SUBJECTS = 'intake_privacy_subjects';

/** A complaint as the retention of personal data sees it (no personal data). */
export interface PrivacyComplaint extends Document {
  readonly tenantId: string;
  readonly complaintId: string;
  /** The instant it ended (see `endingAfter`), null while it is open. */
  readonly endedAt: string | null;
  /** Global position of the event that set `endedAt`: older events never overwrite it. */
  readonly endingPosition: number;
  /** When its complainant's personal data was erased, null until then. */
  readonly erasedAt: string | null;
}

/** One subject a complaint's complainant was sealed for (a correction may add another). */
export interface PrivacySubject extends Document {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly complaintId: string;
}

/**
 * The register behind erasure and retention: per complaint, when it ended and whether it was
 * erased; per data subject, the complaints sealed for it. Every write is idempotent and an ending
 * never moves back in time, so redelivered and reordered events change nothing.
 */
export class PrivacyRegister {
  readonly complaints: Collection<PrivacyComplaint>;
  readonly subjects: Collection<PrivacySubject>;

  constructor(documents: DocumentStore) {
    this.complaints = documents.collection<PrivacyComplaint>(PRIVACY_COMPLAINTS);
    this.subjects = documents.collection<PrivacySubject>(PRIVACY_SUBJECTS);
  }

  async ensureIndexes(): Promise<void> {
    await this.complaints.ensureIndex(['erasedAt', 'endedAt']);
    await this.subjects.ensureIndex(['tenantId', 'subjectId']);
    await this.subjects.ensureIndex(['tenantId', 'complaintId']);
  }

  /** Records that a complaint ended at `endedAt` (null: open), unless a later event already set it. */
  async ending(
    tenantId: string,
    complaintId: string,
    endedAt: string | null,
    position: number,
  ): Promise<void> {
    await this.complaints.update(
      complaintId,
      {
        $set: { endedAt, endingPosition: position },
        $setOnInsert: { tenantId, complaintId, erasedAt: null },
      },
      { upsert: true, filter: { endingPosition: { $lt: position } } },
    );
  }

  /** Records that a complaint's complainant was sealed for `subjectId`. */
  async subject(tenantId: string, complaintId: string, subjectId: string): Promise<void> {
    await this.subjects.update(
      `${tenantId}:${subjectId}:${complaintId}`,
      { $setOnInsert: { tenantId, subjectId, complaintId } },
      { upsert: true },
    );
  }

  /** The complaints of a tenant sealed for any of these subjects. */
  async complaintsOf(tenantId: string, subjectIds: readonly string[]): Promise<string[]> {
    if (subjectIds.length === 0) return [];
    const entries = await all(this.subjects, { tenantId, subjectId: { $in: [...subjectIds] } });
    return [...new Set(entries.map((entry) => entry.complaintId))];
  }

  /** The recorded complaints among these (a complaint not recorded yet is missing). */
  recorded(complaintIds: readonly string[]): Promise<PrivacyComplaint[]> {
    return this.complaints.getMany(complaintIds);
  }

  /**
   * The complainant of these complaints was erased: the complaints are marked, and the subjects they
   * were sealed for are forgotten.
   */
  async erased(tenantId: string, complaintIds: readonly string[], at: string): Promise<void> {
    for (const complaintId of complaintIds) {
      for (const entry of await all(this.subjects, { tenantId, complaintId })) {
        await this.subjects.delete(entry._id);
      }
      await this.complaints.update(
        complaintId,
        { $set: { erasedAt: at }, $setOnInsert: { tenantId, complaintId, endedAt: null, endingPosition: 0 } },
        { upsert: true, filter: { tenantId } },
      );
    }
  }

  /**
   * Complaints not erased that ended at or before `endedBy`, the earliest first, a page at a time
   * (`cursor` from the previous page).
   */
  endedBy(endedBy: string, cursor?: string) {
    return this.complaints.find(
      { erasedAt: null, endedAt: { $lte: endedBy } },
      { sort: { field: 'endedAt', direction: 1 }, limit: 100, ...(cursor && { cursor }) },
    );
  }
}

async function all<T extends Document>(collection: Collection<T>, filter: Filter): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find(filter, { limit: 200, ...(cursor && { cursor }) });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
