import {
  type ComplaintReceivedData,
  type IntakeEvent,
  type RecordCorrectedData,
  type SealedComplainant,
} from '@kesu/intake-contracts';
import { evolveIntake, initialIntakeState } from '@kesu/intake-domain';
import { openPersonalData, type RecordedEvent, streamCategory } from '@kesu/kernel';
import type { KeyStore } from '@kesu/ports';
import type { PersonComplaint } from './data-subjects';

/** The name and version of the export's format, first in every file. */
export const EXPORT_FORMAT = 'kesu.personal-data-export.v1';

/** What stands in for personal data whose data key was erased. */
export const ERASED = { erased: true } as const;

/** One complaint of the person in an export: the record as it stands, and every event about it. */
export interface ExportedComplaint {
  readonly complaintId: string;
  readonly reference: string;
  /** Intake's status, or `closed` once follow-up closed it. */
  readonly status: string;
  readonly receivedAt: string;
  /** The complainant's details as last recorded, opened; `{ erased: true }` when their key is gone. */
  readonly complainant: unknown;
  /** The complaint as recorded and corrected (the complainant apart). */
  readonly record: Readonly<Record<string, unknown>>;
  /** Every event of every service about the complaint, oldest first, personal data opened. */
  readonly history: readonly {
    readonly type: string;
    readonly service: string;
    readonly occurredAt: string;
    readonly data: unknown;
  }[];
}

/**
 * Builds the export of one complaint from its intake events and its complete history (every
 * service's events, by its correlation id): sealed personal data (`{ subjectId, sealed }`) is opened
 * with its subject's key wherever it occurs, and the subject ids — identifiers derived from the
 * person, meaningless to them — are left out. Envelope fields naming staff or hashes are not part of
 * the person's data and are left out too.
 */
export async function exportComplaint(
  keys: KeyStore,
  tenantId: string,
  complaint: PersonComplaint,
  history: readonly RecordedEvent[],
): Promise<ExportedComplaint> {
  const open = opener(keys, tenantId);
  const intakeEvents = complaint.events as unknown as readonly IntakeEvent[];
  const intake = intakeEvents.reduce(evolveIntake, initialIntakeState());
  const closed = history.some((event) => event.type === 'ComplaintClosed');
  const { complainant, ...received } = complaint.events[0]!.data as ComplaintReceivedData;
  let record: Record<string, unknown> = { ...received };
  let sealed: SealedComplainant = complainant;
  for (const event of complaint.events) {
    if (event.type !== 'RecordCorrected') continue;
    const { complainant: corrected, ...corrections } = (event.data as RecordCorrectedData).corrections;
    record = { ...record, ...corrections };
    if (corrected) sealed = corrected;
  }
  return {
    complaintId: complaint.complaintId,
    reference: complaint.reference,
    status: closed ? 'closed' : intake.status,
    receivedAt: received.receivedAt,
    complainant: await open(sealed),
    record,
    history: await Promise.all(
      history.map(async (event) => ({
        type: event.type,
        service: streamCategory(event.streamId),
        occurredAt: event.occurredAt,
        data: await openWithin(event.data, open),
      })),
    ),
  };
}

type Open = (sealed: SealedComplainant) => Promise<unknown>;

/** Opens sealed personal data with its subject's key (each key read once); ERASED without one. */
function opener(keys: KeyStore, tenantId: string): Open {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  return async ({ subjectId, sealed }) => {
    if (!cache.has(subjectId)) cache.set(subjectId, keys.get(tenantId, subjectId));
    const key = await cache.get(subjectId)!;
    return key ? openPersonalData(key, subjectId, sealed) : ERASED;
  };
}

/** `value` with every sealed personal-data object in it opened. */
async function openWithin(value: unknown, open: Open): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => openWithin(item, open)));
  if (typeof value !== 'object' || value === null) return value;
  if (isSealed(value)) return open(value);
  const entries = await Promise.all(
    Object.entries(value).map(async ([name, field]) => [name, await openWithin(field, open)] as const),
  );
  return Object.fromEntries(entries);
}

function isSealed(value: object): value is SealedComplainant {
  const { subjectId, sealed } = value as Partial<SealedComplainant>;
  return typeof subjectId === 'string' && typeof sealed === 'string' && Object.keys(value).length === 2;
}
