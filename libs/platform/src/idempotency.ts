import { createHash } from 'node:crypto';
import { canonicalJson, type RecordedEvent, UnprocessableError } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import type { Caller } from './request-context';

const KEYED = 'idempotency-';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The causation id of a person's command, the one scheme every service uses. With an
 * Idempotency-Key: the key (per tenant and user) and a digest of the use case and its input, so a
 * repeated request is recognised and a reused key with another request is refused. Without one: a
 * new id, since nothing tells two requests apart (a client may reuse its correlation id).
 */
export function causationIdOf(
  caller: Pick<Caller, 'principal' | 'idempotencyKey'>,
  action: string,
  input: object,
): string {
  const { principal, idempotencyKey } = caller;
  if (idempotencyKey === undefined) return `request-${uuidv7()}`;
  const keyPart = digest(`${principal.tenantId}:${principal.userId}:${idempotencyKey}`);
  return `${KEYED}${keyPart}-${digest(canonicalJson({ action, body: { ...input } }))}`;
}

/**
 * The events an earlier request with the same Idempotency-Key appended (none for a new key);
 * UnprocessableError (422) when that earlier request was a different one.
 */
export function eventsOfEarlierRequest(
  stored: readonly RecordedEvent[],
  causationId: string,
): RecordedEvent[] {
  if (!causationId.startsWith(KEYED)) return [];
  const keyPrefix = causationId.slice(0, causationId.lastIndexOf('-') + 1);
  const sameKey = stored.filter((e) => e.causationId.startsWith(keyPrefix));
  if (sameKey.some((e) => e.causationId !== causationId)) {
    throw new UnprocessableError(
      'idempotency.key_reused',
      'The Idempotency-Key was already used with a different request.',
    );
  }
  return sameKey;
}
