import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { InvalidInputError } from '@kesu/kernel';
import type { AuthenticatedRequest } from './auth.decorators';
import type { Principal } from './principal';

/** What a client may send as an Idempotency-Key: 1 to 200 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** An If-Match revision: a whole number, bare or as an entity tag (`3`, `"3"`, `W/"3"`). */
const REVISION_TAG = /^(?:W\/)?(?:"(0|[1-9]\d{0,14})"|(0|[1-9]\d{0,14}))$/;

interface RequestWithHeaders extends AuthenticatedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly id?: string;
}

/**
 * Who sends a command and how: the verified principal, the request's Idempotency-Key (a retry with
 * the same key and body is answered from what the first one recorded) and its If-Match revision (the
 * revision the caller decided on; 412 when the stream has moved on since).
 */
export interface Caller {
  readonly principal: Principal;
  readonly idempotencyKey?: string;
  readonly expectedRevision?: number;
}

const header = (request: RequestWithHeaders, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The request's Idempotency-Key, checked; 400 naming the header when it is malformed. */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new InvalidInputError([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
    ]);
  }
  return value;
}

/** The revision an If-Match header names (`*`: none in particular); 400 naming the header when it is malformed. */
export function expectedRevisionOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = REVISION_TAG.exec(value.trim());
  if (!match) {
    throw new InvalidInputError([
      {
        field: 'If-Match',
        message: 'If-Match must be the revision the action was decided on, e.g. 3 or "3"',
      },
    ]);
  }
  return Number(match[1] ?? match[2]);
}

/** Injects the request's Idempotency-Key (undefined without one); 400 when malformed. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    idempotencyKeyOf(header(context.switchToHttp().getRequest<RequestWithHeaders>(), 'idempotency-key')),
);

/** Injects the revision of the request's If-Match header (undefined without one); 400 when malformed. */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined =>
  expectedRevisionOf(header(context.switchToHttp().getRequest<RequestWithHeaders>(), 'if-match')),
);

/**
 * Injects the Caller of a command route: principal, Idempotency-Key and If-Match, each checked
 * (400 naming the header when malformed).
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<RequestWithHeaders>();
  const idempotencyKey = idempotencyKeyOf(header(request, 'idempotency-key'));
  const expectedRevision = expectedRevisionOf(header(request, 'if-match'));
  return {
    principal: request.principal!,
    ...(idempotencyKey !== undefined && { idempotencyKey }),
    ...(expectedRevision !== undefined && { expectedRevision }),
  };
});
