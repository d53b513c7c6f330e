import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { PlatformConfig } from './config';
import type { Principal } from './principal';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

type RawRequest = IncomingMessage & { id?: unknown; principal?: Principal };

/** The request's correlation id: a well-formed `X-Correlation-Id` header, or a new UUID. */
export function correlationIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const header = request.headers[CORRELATION_HEADER];
  return typeof header === 'string' && SAFE_CORRELATION_ID.test(header) ? header : randomUUID();
}

/** Readable lines for a person at a terminal (coloured on stdout): time, level, context and message. */
export function prettyDestination(to?: NodeJS.WritableStream): DestinationStream {
  return pretty({
    sync: true,
    ...(to && { destination: to, colorize: false }),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,req,res,responseTime,correlationId,context,userId',
    messageFormat:
      '{if context}[{context}] {end}{msg}{if res.statusCode} {req.method} {req.url} → {res.statusCode} ({responseTime} ms){end}{if userId} · {userId}{end}',
  });
}

/** Whether logs are written as readable lines: LOG_FORMAT=pretty, or auto with a terminal on stdout. */
export const prettyLogs = (config: PlatformConfig): boolean =>
  config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);

/**
 * nestjs-pino settings: JSON logs at the configured level (readable lines on a terminal), every request log carrying its
 * `correlationId` (echoed in the `X-Correlation-Id` response header) and, once the token was
 * verified, the caller's `userId`. Headers (so Authorization) and bodies are never logged.
 */
export function loggerParams(
  config: PlatformConfig,
  service: string,
  destination?: DestinationStream,
): Params {
  const options = {
    level: config.logLevel,
    base: { service, pid: process.pid },
    genReqId: (req: IncomingMessage) => correlationIdOf(req),
    customProps: (req: RawRequest, res: ServerResponse) =>
      res.headersSent ? (req.principal ? { userId: req.principal.userId } : {}) : { correlationId: req.id },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // Probes and scrapes are not logged ('silent'); pino-http's autoLogging.ignore is lost when
    // nestjs-pino reuses the options object.
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) =>
      QUIET_ROUTES.has((req.url ?? '').split('?')[0]!) && res.statusCode < 400
        ? 'silent'
        : error || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    redact: { paths: ['req.headers', 'res.headers', 'req.body'], remove: true },
  };
  const to = destination ?? (prettyLogs(config) ? prettyDestination() : undefined);
  return { pinoHttp: to ? [options, to] : options };
}
