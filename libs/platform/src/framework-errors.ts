import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER } from './logging';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * What Fastify answers itself, before any hook or route runs — a path it cannot decode (`%`,
 * `%E0%A4%A`: FST_ERR_BAD_URL) —, answered as every other refusal: an RFC 9457 problem with the
 * correlation id, never cached.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The request path is not a valid URL: "%" must start an escape of two hexadecimal digits.'
      : 'An unexpected error occurred.';
  void reply
    .status(status)
    .header(CORRELATION_HEADER, request.id)
    .header('cache-control', 'no-store')
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify({ ...problem(status, detail), instance: request.url.split('?')[0] }));
}
