import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { AccessTokens } from './access-tokens';
import { authenticateBeforeBody, recordRouteAccess } from './authentication';
import type { PlatformConfig } from './config';
import { installJsonBodyParser } from './json-body';
import { CORRELATION_HEADER } from './logging';
import { rateLimitOptions } from './rate-limits';
import type { PlatformRouteConfig } from './route-config';
import { CONFIG } from './tokens';

/**
 * The HTTP edge, installed on the Fastify instance before Nest adds its routes. In the order a
 * request meets it:
 * - the server closes a connection whose request (headers and body) takes longer than
 *   REQUEST_TIMEOUT_MS (408);
 * - every answer carries the correlation id, `Cache-Control: no-store` (answers hold personal data)
 *   and the security headers of `@fastify/helmet` (a CSP of `default-src 'none'`, no framing, HSTS
 *   when HSTS_MAX_AGE is set);
 * - before the body is read: authentication and the route's roles (401/403), then the rate limits
 *   (429 with Retry-After): per client address without a token, per user with one;
 * - the body: JSON only (415 otherwise), within the route's limit (413), at most 32 levels deep and
 *   without prototype keys (400), before Nest's validation pipe sees it.
 */
export async function installEdge(app: NestFastifyApplication): Promise<void> {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const config = app.get<PlatformConfig>(CONFIG);
  limitRequestTime(fastify.server, config.requestTimeoutMs);
  installJsonBodyParser(fastify);
  fastify.decorateRequest('principal', undefined);
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??=
      (route.config as PlatformRouteConfig | undefined)?.bodyLimitBytes ?? config.bodyLimitBytes;
    recordRouteAccess(route);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id).header('cache-control', 'no-store');
    done();
  });
  await fastify.register(helmet, securityHeaders(config));
  fastify.addHook('preParsing', authenticateBeforeBody(app.get(AccessTokens)));
  const limits = rateLimitOptions(config);
  if (limits) await fastify.register(rateLimit, limits);
}

/**
 * The headers of an API that serves JSON only. A route that serves a page (the console) sets its
 * own policy in its Fastify route config (`helmet: { contentSecurityPolicy: … }`).
 */
function securityHeaders(config: PlatformConfig): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], formAction: ["'none'"] },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity:
      config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
  };
}

/**
 * A request must arrive whole (headers and body) within `ms`, or Node answers 408 and closes the
 * connection; connections are checked at least every second. Idle keep-alive connections are not
 * affected (they follow Fastify's keep-alive timeout).
 */
function limitRequestTime(server: Server, ms: number): void {
  server.requestTimeout = ms;
  server.headersTimeout = Math.min(server.headersTimeout, ms);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1000,
    Math.max(50, Math.floor(ms / 4)),
  );
}
