import { createHash } from 'node:crypto';
import { canonicalJson, type RecordedEvent, UnprocessableError } from '@kesu/kernel';
import { type Caller, causationIdOf, eventsOfEarlierRequest } from '@kesu/platform';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

const IDEMPOTENCY_NAMESPACE = '6f1f3c2e-3b7a-4d38-9a43-2f5c0e7d9b11';

/** Where a registration is recorded, and the causation id of its events. */
export interface RegistrationIdentity {
  readonly complaintId: string;
  readonly causationId: string;
}

/**
 * A keyed registration's complaint id derives from tenant, user and Idempotency-Key, so every retry
 * targets the same stream (and the stream's expected revision lets one of them win); an unkeyed
 * one gets a new id. The causation id is the one scheme of every command (`causationIdOf`).
 */
export function registrationIdentity(caller: Caller, body: object): RegistrationIdentity {
  const { principal, idempotencyKey } = caller;
  return {
    complaintId:
      idempotencyKey === undefined
        ? uuidv7()
        : uuidv5(`${principal.tenantId}:${principal.userId}:${idempotencyKey}`, IDEMPOTENCY_NAMESPACE),
    causationId: causationIdOf(caller, 'RegisterComplaint', body),
  };
}

/** 422: the Idempotency-Key registered another complaint. */
export const keyReused = (): UnprocessableError =>
  new UnprocessableError(
    'idempotency.key_reused',
    'The Idempotency-Key was already used with a different request body.',
  );

/**
 * The events an earlier registration with the same Idempotency-Key recorded on its complaint's
 * stream (none when the stream is new); UnprocessableError (422) when that was another request.
 * A registration recorded before the one causation scheme carries `request-<sha256 of the body>`:
 * a retry of it is still recognised by that digest and answered as before.
 */
export function earlierRegistration(
  stored: readonly RecordedEvent[],
  causationId: string,
  body: object,
): RecordedEvent[] {
  if (stored.length === 0) return [];
  const earlier = eventsOfEarlierRequest(stored, causationId);
  if (earlier.length > 0) return earlier;
  const legacy = legacyCausationId(body);
  if (stored[0]!.causationId !== legacy) throw keyReused();
  return stored.filter((event) => event.causationId === legacy);
}

/** The causation id keyed registrations carried before `causationIdOf`: a digest of the body alone. */
export function legacyCausationId(body: object): string {
  return `request-${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}
