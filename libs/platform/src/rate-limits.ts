import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from './auth.decorators';
import type { PlatformConfig } from './config';

/** Client addresses and users seen at once (the least recently seen are forgotten first). */
const TRACKED_CLIENTS = 10_000;

/** Who a request counts against: its user when it carries a verified token, else its client address. */
function clientOf(request: FastifyRequest): string {
  const principal = (request as AuthenticatedRequest).principal;
  return principal ? `user:${principal.tenantId}:${principal.userId}` : `address:${request.ip}`;
}

/**
 * The options of `@fastify/rate-limit`, or null when both limits are off: RATE_LIMIT_ANONYMOUS
 * requests per RATE_LIMIT_WINDOW and client address on the routes without a token (dev-token),
 * RATE_LIMIT_USER per user on the others (0: no limit). It runs before the body is read, after the
 * authentication that names the user; routes marked `@NotRateLimited()` are exempt. Beyond the limit:
 * a 429 problem with `Retry-After`. Counts are kept per process: each replica limits on its own.
 */
export function rateLimitOptions(config: PlatformConfig): RateLimitPluginOptions | null {
  const { rateLimitAnonymous, rateLimitUser, rateLimitWindowSeconds } = config;
  if (rateLimitAnonymous === 0 && rateLimitUser === 0) return null;
  const limitOf = (key: string): number => (key.startsWith('user:') ? rateLimitUser : rateLimitAnonymous);
  return {
    global: true,
    hook: 'preParsing',
    cache: TRACKED_CLIENTS,
    timeWindow: rateLimitWindowSeconds * 1000,
    keyGenerator: clientOf,
    max: (_request, key) => limitOf(key),
    allowList: (_request, key) => limitOf(key) === 0,
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        `Too many requests: at most ${context.max} in ${rateLimitWindowSeconds} s; retry in ${context.after}.`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  };
}
