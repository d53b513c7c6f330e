import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config';
import { CORRELATION_HEADER } from './logging';
import { CONFIG } from './tokens';

/** What `BodyLimit` puts in a route's Fastify config. */
interface BodyLimitConfig {
  readonly bodyLimitBytes?: number;
}

/**
 * Lets one route take bodies up to `bytes` instead of BODY_LIMIT_BYTES (a bulk import, say); larger
 * ones are answered with a 413 problem naming the limit. Keep every other route at the default.
 */
export const BodyLimit = (bytes: number): MethodDecorator =>
  RouteConfig({ bodyLimitBytes: bytes } satisfies BodyLimitConfig);

/**
 * Fastify hooks installed while the providers are created, before Nest adds its routes: every
 * route gets BODY_LIMIT_BYTES, or its own `@BodyLimit` (larger bodies are answered with 413), and
 * every response echoes the request's correlation id (Fastify's request id, see `createApp`).
 */
@Injectable()
export class FastifyHooks {
  constructor(adapterHost: HttpAdapterHost, @Inject(CONFIG) config: PlatformConfig) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onRoute', (route) => {
      route.bodyLimit ??=
        (route.config as BodyLimitConfig | undefined)?.bodyLimitBytes ?? config.bodyLimitBytes;
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header(CORRELATION_HEADER, request.id);
      done();
    });
  }
}
