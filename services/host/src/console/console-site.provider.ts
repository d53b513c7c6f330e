import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_DIR, serveConsole } from './console-site';

/** Puts the built web console at `/` of the host (embedded mode), beside the API. */
@Injectable()
export class ConsoleSite implements OnModuleInit {
  private readonly logger = new Logger(ConsoleSite.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (serveConsole(fastify)) this.logger.log(`web console served at / from ${CONSOLE_DIR}`);
    else this.logger.warn(`no web console at ${CONSOLE_DIR} (npm run build builds it)`);
  }
}
