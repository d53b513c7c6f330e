import { BadRequestException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One bad input field: its full dot path (`complainant.name`, `items.0.qty`) and what is wrong. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Every bad field of a validation problem. */
  readonly errors?: readonly FieldError[];
  /** The rule a DomainRuleViolation broke. */
  readonly code?: string;
  readonly [extension: string]: unknown;
}

/** Problem types of the platform; other problems use `about:blank` with the status phrase as title. */
export const ProblemType = {
  validation: 'urn:kesu:problem:validation-failed',
  domainRule: 'urn:kesu:problem:domain-rule-violation',
  concurrency: 'urn:kesu:problem:concurrency-conflict',
  erased: 'urn:kesu:problem:personal-data-erased',
  blank: 'about:blank',
} as const;

/** Builds a problem document; title defaults to the status phrase. */
export function problem(
  status: number,
  detail: string,
  extras: Partial<Omit<ProblemDetails, 'status' | 'detail'>> = {},
): ProblemDetails {
  return { type: ProblemType.blank, title: STATUS_CODES[status] ?? 'Error', status, detail, ...extras };
}

/** A 400 naming every bad field; thrown by the validation pipe, and usable by handlers. */
export class ValidationProblem extends BadRequestException {
  constructor(readonly errors: readonly FieldError[]) {
    super(`The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`);
  }
}
