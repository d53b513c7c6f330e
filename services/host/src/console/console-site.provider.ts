import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CONFIG, type PlatformConfig } from '@kesu/platform';
import { CONSOLE_DIR, serveConsole } from './console-site';
import { startUpBanner } from './start-up-banner';

/**
 * Puts the built web console at `/` of the host (embedded mode), beside the API; once the host
 * listens, tells a person at the terminal where to go.
 */
@Injectable()
export class ConsoleSite implements OnModuleInit {
  private readonly logger = new Logger(ConsoleSite.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const served = serveConsole(fastify);
    if (served) this.logger.log(`web console served at / from ${CONSOLE_DIR}`);
    else this.logger.warn(`no web console at ${CONSOLE_DIR} (npm run build builds it)`);
    if (process.stdout.isTTY)
      fastify.addHook('onListen', (done) => {
        process.stdout.write(startUpBanner(this.config, served));
        done();
      });
  }
}
