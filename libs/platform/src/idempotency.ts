import { createHash } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import { canonicalJson, type RecordedEvent } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import type { Principal } from './principal';

const KEYED = 'idempotency-';

/**
 * The causation id of a work action. With an Idempotency-Key: the key (per tenant and user) and a
 * digest of the action and body, so a repeated request is recognised and a reused key with another
 * request is refused. Without one: a new id, since nothing tells two requests apart (a client may
 * reuse its correlation id).
 */
export function actionCausationId(principal: Principal, action: string, body: object, key?: string): string {
  if (key === undefined) return `request-${uuidv7()}`;
  const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  const keyPart = digest(`${principal.tenantId}:${principal.userId}:${key}`);
  return `${KEYED}${keyPart}-${digest(canonicalJson({ action, body: { ...body } }))}`;
}

/**
 * The events an earlier request with the same Idempotency-Key appended (none for a new key);
 * 422 when that earlier request was a different one.
 */
export function eventsOfEarlierRequest(
  stored: readonly RecordedEvent[],
  causationId: string,
): RecordedEvent[] {
  const keyPrefix = causationId.slice(0, causationId.lastIndexOf('-') + 1);
  const sameKey = stored.filter((e) => e.causationId.startsWith(keyPrefix));
  if (sameKey.some((e) => e.causationId !== causationId)) {
    throw new UnprocessableEntityException('The Idempotency-Key was already used with a different request.');
  }
  return sameKey;
}
