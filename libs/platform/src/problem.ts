import type { FieldError } from '@kesu/kernel';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Every bad field of a validation problem. */
  readonly errors?: readonly FieldError[];
  /** The rule or reason a domain error names (`complaint.not_found`, `intake.appeal_twice`). */
  readonly code?: string;
  readonly [extension: string]: unknown;
}

/** Problem types of the platform; other problems use `about:blank` with the status phrase as title. */
export const ProblemType = {
  validation: 'urn:kesu:problem:validation-failed',
  domainRule: 'urn:kesu:problem:domain-rule-violation',
  concurrency: 'urn:kesu:problem:concurrency-conflict',
  staleRevision: 'urn:kesu:problem:stale-revision',
  erased: 'urn:kesu:problem:personal-data-erased',
  storageFull: 'urn:kesu:problem:storage-full',
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
