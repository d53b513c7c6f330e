import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config';
import { CORRELATION_HEADER } from './logging';
import { CONFIG } from './tokens';

/**
 * Fastify hooks installed while the providers are created, before Nest adds its routes: every
 * route gets BODY_LIMIT_BYTES (larger bodies are answered with 413), and every response echoes
 * the request's correlation id (Fastify's request id, see `createApp`).
 */
@Injectable()
export class FastifyHooks {
  constructor(adapterHost: HttpAdapterHost, @Inject(CONFIG) config: PlatformConfig) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onRoute', (route) => {
      route.bodyLimit ??= config.bodyLimitBytes;
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header(CORRELATION_HEADER, request.id);
      done();
    });
  }
}
