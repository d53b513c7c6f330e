import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { NewEvent, SealedEvent } from './envelope';

/** The `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

type Hashable = Omit<SealedEvent, 'hash'>;

/**
 * SHA-256 over the canonical JSON of the envelope and data. The global position is left out:
 * it is assigned by the store (as EventStoreDB assigns commit positions) and checked by order instead.
 */
export function hashEvent(event: Hashable): string {
  const covered = Object.fromEntries(HASHED_FIELDS.map((field) => [field, event[field]]));
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** The fields of a stored event covered by its hash. */
export const HASHED_FIELDS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'revision',
  'occurredAt',
  'recordedAt',
  'tenantId',
  'branchId',
  'correlationId',
  'causationId',
  'actor',
  'data',
  'prevHash',
] as const satisfies ReadonlyArray<keyof Hashable>;

/** Exactly the fields of a sealed event (no extra properties a reader may have attached). */
export function sealedFieldsOf(event: SealedEvent): SealedEvent {
  const fields = [...HASHED_FIELDS, 'hash'] as const;
  return Object.fromEntries(fields.map((field) => [field, event[field]])) as unknown as SealedEvent;
}

/** Seals new events onto a stream whose last event has `headHash` at `headRevision` (-1: empty stream). */
export function sealEvents(
  streamId: string,
  headRevision: number,
  headHash: string,
  events: readonly NewEvent[],
  recordedAt: string,
): SealedEvent[] {
  let prevHash = headHash;
  return events.map((event, i) => {
    const unsealed: Hashable = { ...event, streamId, revision: headRevision + 1 + i, recordedAt, prevHash };
    const sealed = { ...unsealed, hash: hashEvent(unsealed) };
    prevHash = sealed.hash;
    return sealed;
  });
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly eventsChecked: number;
  /** The first event that does not verify. */
  readonly brokenAt?: { readonly streamId: string; readonly revision: number; readonly reason: string };
}

/**
 * Verifies the hash chains of the given events, which may interleave several streams (one
 * complaint's history): per stream, revisions run 0,1,2… without gaps, each `prevHash` is the
 * previous event's `hash` and each `hash` matches the content.
 */
export function verifyChains(events: Iterable<SealedEvent>): ChainVerification {
  const heads = new Map<string, { revision: number; hash: string }>();
  let checked = 0;
  for (const event of events) {
    const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      eventsChecked: checked,
      brokenAt: { streamId: event.streamId, revision: event.revision, reason },
    });
    if (event.revision !== head.revision + 1) return broken(`expected revision ${head.revision + 1}`);
    if (event.prevHash !== head.hash) return broken('prevHash does not match the previous event');
    const { hash, ...rest } = event;
    if (hashEvent(rest) !== hash) return broken('hash does not match the content');
    heads.set(event.streamId, { revision: event.revision, hash });
    checked++;
  }
  return { valid: true, eventsChecked: checked };
}
