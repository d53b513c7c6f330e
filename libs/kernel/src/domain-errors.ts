/** One bad input field: its full dot path (`complainant.name`, `items.0.qty`) or header name, and what is wrong. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * What went wrong with a command or query, in the domain's terms. Deciders, handlers and application
 * services throw these, never HTTP exceptions; the edge maps each kind to one status (problem+json).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid_input' | 'not_found' | 'forbidden' | 'rule_violation' | 'unprocessable';

  constructor(
    /** A stable code naming the rule or the reason, e.g. `complaint.not_found`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is malformed or out of range, field by field (HTTP 400). Nothing was changed. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid_input';

  constructor(readonly errors: readonly FieldError[]) {
    super(
      'input.invalid',
      `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
    );
  }
}

/**
 * No such thing, or none the caller may see (HTTP 404): outside the caller's tenant or branch scope is
 * answered the same way, so an answer never reveals that something exists.
 */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The caller may see it but not do this: beyond their authority (HTTP 403). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** A command that the lifecycle or a business rule forbids in the current state (HTTP 409). */
export class DomainRuleViolation extends DomainError {
  readonly kind = 'rule_violation';

  constructor(
    code: string,
    message: string,
    /** What the problem adds for the client (e.g. the current state and the actions allowed now). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(code, message);
  }
}

/** A well-formed request that cannot be processed as sent, e.g. an Idempotency-Key reused with another request (HTTP 422). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}
