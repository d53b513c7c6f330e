import { type FieldError, InvalidInputError, type RecordedEvent, UnprocessableError } from '@kesu/kernel';
import { type Caller, causationIdOf, eventsOfEarlierRequest } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { IdentityKeys } from '../same-matter/identity-keys';
import type { SubjectIdentifiers } from './data-subjects';

const REQUEST_NAMESPACE = '0c8f6f8e-5c1a-4f4e-9d55-7a3e2b1c9d40';

/** Where a request about a data subject is recorded, and the causation id of its events. */
export interface RequestIdentity {
  readonly requestId: string;
  readonly causationId: string;
}

/**
 * A keyed request's id derives from tenant, user, use case and Idempotency-Key, so a retry finds the
 * stream of the first; an unkeyed one gets a new id. The causation id is the one scheme of every
 * command (`causationIdOf`), over the body with the person's identifiers replaced by their keyed
 * hashes (`IdentityKeys`, as the identity index keeps them): the causation id stays in the request's
 * events for good, after an erasure too, and an unkeyed digest of a body that holds little more than
 * a phone number is found again by trying every phone number.
 */
export async function requestIdentity(
  caller: Caller,
  action: string,
  body: SubjectIdentifiers & object,
  identities: IdentityKeys,
): Promise<RequestIdentity> {
  const { principal, idempotencyKey } = caller;
  const { phone, email, customerId, ...rest } = body;
  const identifiers = await identities.hashes(principal.tenantId, { name: '', phone, email, customerId });
  return {
    requestId:
      idempotencyKey === undefined
        ? uuidv7()
        : uuidv5(`${principal.tenantId}:${principal.userId}:${action}:${idempotencyKey}`, REQUEST_NAMESPACE),
    causationId: causationIdOf(caller, action, { ...rest, identifiers }),
  };
}

/**
 * The events an earlier request with the same Idempotency-Key recorded on the request's stream (none
 * for a new stream); 422 when that was another request.
 */
export async function earlierRequest(
  store: EventStore,
  streamId: string,
  causationId: string,
): Promise<RecordedEvent[]> {
  const stored = await store.readStream(streamId);
  if (stored.length === 0) return [];
  const earlier = eventsOfEarlierRequest(stored, causationId);
  if (earlier.length === 0) {
    throw new UnprocessableError(
      'idempotency.key_reused',
      'The Idempotency-Key was already used with a different request.',
    );
  }
  return stored;
}

/** 400 unless the request names the person by at least one identifier or complaint. */
export function assertNamesSomebody(identifiers: SubjectIdentifiers): void {
  const { phone, email, customerId, complaintIds } = identifiers;
  if (phone || email || customerId || complaintIds?.length) return;
  const message = 'name the person by phone, email, customerId or complaintIds (at least one)';
  const errors: FieldError[] = ['phone', 'email', 'customerId', 'complaintIds'].map((field) => ({
    field,
    message,
  }));
  throw new InvalidInputError(errors);
}
