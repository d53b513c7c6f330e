import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problem } from './problem';

/** What a client error the HTTP parser raises, before any route runs, is answered with. */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    detail: 'The request was not sent in full within the time allowed (REQUEST_TIMEOUT_MS).',
  },
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are larger than allowed.' },
};

/**
 * Answers errors of the HTTP parser — a request that stalls, headers too large, a malformed
 * request — as problem JSON like every other error, then closes the connection (Fastify's
 * `clientErrorHandler`; Node's own answer has no body).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, detail: 'The request is malformed.' };
  const body = JSON.stringify(problem(known.status, known.detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${problem(known.status, '').title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
