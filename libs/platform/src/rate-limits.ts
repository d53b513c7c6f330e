import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from './auth.decorators';
import type { PlatformConfig } from './config';

/** Client addresses and users seen at once (the least recently seen are forgotten first). */
const TRACKED_CLIENTS = 10_000;

/**
 * The client's address: the socket's peer, or — behind `hops` trusted proxies that each append the
 * address they received from to `X-Forwarded-For` — the address the outermost trusted proxy saw.
 * Entries a client wrote itself lie further left and are never believed.
 */
export function clientAddressOf(request: Pick<FastifyRequest, 'headers' | 'socket'>, hops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(hops, chain.length - 1)]!;
}

/** Who a request counts against: its user when it carries a verified token, else its client address. */
const clientOf =
  (hops: number) =>
  (request: FastifyRequest): string => {
    const principal = (request as AuthenticatedRequest).principal;
    return principal
      ? `user:${principal.tenantId}:${principal.userId}`
      : `address:${clientAddressOf(request, hops)}`;
  };

/**
 * The options of `@fastify/rate-limit`, or null when both limits are off: RATE_LIMIT_ANONYMOUS
 * requests per RATE_LIMIT_WINDOW and client address on the routes without a token (dev-token),
 * RATE_LIMIT_USER per user on the others (0: no limit). It runs before the body is read, after the
 * authentication that names the user; routes marked `@NotRateLimited()` are exempt. Beyond the limit:
 * a 429 problem with `Retry-After`. Counts are kept per process: each replica limits on its own. The
 * client address is found through TRUST_PROXY_HOPS proxies (`clientAddressOf`).
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
    keyGenerator: clientOf(config.trustProxyHops),
    max: (_request, key) => limitOf(key),
    allowList: (_request, key) => limitOf(key) === 0,
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        `Too many requests: at most ${context.max} in ${rateLimitWindowSeconds} s; retry in ${context.after}.`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  };
}
