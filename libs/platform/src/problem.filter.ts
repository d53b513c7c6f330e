import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import {
  KeyErasedError,
  StaleRevisionError,
  StorageFullError,
  WrongExpectedRevisionError,
} from '@kesu/ports';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails, ProblemType } from './problem';

/** Seconds a client is asked to wait before it tries a change again on a full storage. */
const STORAGE_FULL_RETRY_S = 60;

/**
 * Turns every error into an RFC 9457 `application/problem+json` answer, in one place: domain errors
 * by their kind (invalid input 400 naming each field, not found 404 — also for anything outside the
 * caller's scope —, forbidden 403, rule violation 409, unprocessable 422), a stale If-Match 412, a
 * concurrency conflict 409, erased personal data 410; HTTP exceptions of the edge (guards, pipes)
 * keep their status; Fastify's own client errors (body too large, malformed JSON) keep their 4xx;
 * anything else is a 500 whose details are logged, never sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body: ProblemDetails = { ...this.toProblem(error, request), instance: request.url.split('?')[0] };
    if (body.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    if (reply.sent) return;
    if (body.status === 401) reply.header('www-authenticate', 'Bearer');
    if (body.type === ProblemType.storageFull) reply.header('retry-after', String(STORAGE_FULL_RETRY_S));
    reply
      .status(body.status)
      .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
      .send(JSON.stringify(body));
  }

  private toProblem(error: unknown, request: FastifyRequest): ProblemDetails {
    if (error instanceof DomainError) return domainProblem(error);
    if (error instanceof HttpException && error.getStatus() === 413) return bodyTooLarge(request);
    if (error instanceof HttpException) return problem(error.getStatus(), httpDetail(error));
    if (error instanceof StaleRevisionError) {
      return problem(412, error.message, {
        type: ProblemType.staleRevision,
        title: 'Stale revision',
        currentRevision: error.actual === 'no_stream' ? -1 : error.actual,
      });
    }
    if (error instanceof WrongExpectedRevisionError) {
      return problem(409, 'The resource was changed by someone else; reload it and try again.', {
        type: ProblemType.concurrency,
        title: 'Concurrency conflict',
      });
    }
    if (error instanceof StorageFullError) {
      return problem(
        503,
        'The storage is full: nothing was changed. Reads go on; try the change again later.',
        {
          type: ProblemType.storageFull,
          title: 'Storage full',
        },
      );
    }
    if (error instanceof KeyErasedError) {
      return problem(410, 'The personal data was erased.', {
        type: ProblemType.erased,
        title: 'Personal data erased',
      });
    }
    const clientError = fastifyClientError(error, request);
    if (clientError) return clientError;
    return problem(500, 'An unexpected error occurred.');
  }
}

/** The problem of a domain error: one status per kind. */
function domainProblem(error: DomainError): ProblemDetails {
  switch (error.kind) {
    case 'invalid_input':
      return problem(400, error.message, {
        type: ProblemType.validation,
        title: 'Invalid request',
        errors: (error as InvalidInputError).errors,
      });
    case 'not_found':
      return problem(404, error.message, { code: error.code });
    case 'forbidden':
      return problem(403, error.message, { code: error.code });
    case 'rule_violation':
      return problem(409, error.message, {
        type: ProblemType.domainRule,
        title: 'Domain rule violated',
        ...(error as DomainRuleViolation).details,
        code: error.code,
      });
    case 'unprocessable':
      return problem(422, error.message, { code: error.code });
  }
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

/**
 * Errors Fastify raises before a handler runs carry a 4xx `statusCode` and an `FST_` code (Nest
 * usually wraps them in an HttpException first; this catches those it does not).
 */
function fastifyClientError(error: unknown, request: FastifyRequest): ProblemDetails | null {
  if (!(error instanceof Error)) return null;
  const { statusCode, code } = error as Error & { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return null;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyTooLarge(request);
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return problem(400, 'The request body is not valid JSON.', { title: 'Malformed JSON' });
  }
  if (typeof code === 'string' && code.startsWith('FST_')) return problem(statusCode, error.message);
  return null;
}

/** A 413 naming the route's body limit (`limitBytes`), when Fastify knows it. */
function bodyTooLarge(request: FastifyRequest): ProblemDetails {
  const limitBytes = request.routeOptions?.bodyLimit;
  return typeof limitBytes === 'number'
    ? problem(413, `The request body is larger than the ${limitBytes} bytes this endpoint accepts.`, {
        limitBytes,
      })
    : problem(413, 'The request body is larger than the server accepts.');
}
