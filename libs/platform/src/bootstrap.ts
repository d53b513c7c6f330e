import { type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { answerClientError } from './client-errors';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@kesu/ports';
import { Logger } from 'nestjs-pino';
import { BackgroundWorkers } from './background-workers';
import { ConfigError, type PlatformConfig } from './config';
import { installEdge } from './edge';
import { answerFrameworkError } from './framework-errors';
import { correlationIdOf } from './logging';
import { PlatformModule } from './platform.module';
import { Readiness } from './readiness';
import { CONFIG } from './tokens';

export interface CreateAppOptions {
  /** Forward Nest's own logs to pino (default true). */
  readonly useLogger?: boolean;
}

export interface BootstrapOptions extends CreateAppOptions {
  readonly service: string;
  /** The longest a graceful shutdown may take before the process exits with 1 (default 30 s). */
  readonly shutdownTimeoutMs?: number;
  /** The process's clock (`CLOCK`); the system's by default. */
  readonly clock?: Clock;
}

/**
 * Builds and initialises the Fastify application of a module that imports PlatformModule.forRoot,
 * without listening (tests call `app.listen(0)` or inject requests), behind the platform's HTTP edge
 * (`installEdge`: body parsing, early authentication, rate limits, security headers, timeouts).
 * Fastify's request id is the correlation id (`X-Correlation-Id` or a new UUID); its own logger is
 * off (pino logs via nestjs-pino, buffered until the logger is ready); what Fastify refuses itself (a
 * path it cannot decode) is a problem too (`answerFrameworkError`). Shutdown hooks are not
 * enabled: `bootstrap` handles the signals, tests call `app.close()`.
 */
export async function createApp(
  appModule: Type<unknown>,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    appModule,
    new FastifyAdapter({
      logger: false,
      genReqId: correlationIdOf,
      clientErrorHandler: answerClientError,
      frameworkErrors: answerFrameworkError,
    }),
    {
      bufferLogs: true,
      abortOnError: false,
      bodyParser: false,
    },
  );
  if (options.useLogger !== false) app.useLogger(app.get(Logger));
  app.flushLogs();
  await installEdge(app);
  await app.init();
  return app;
}

/**
 * Starts a service process: creates the app, listens on HOST:PORT and, on SIGTERM or SIGINT, shuts
 * down gracefully — reports not ready, stops accepting requests (in-flight ones finish), stops the
 * background workers (consumers drain, the relay checkpoints), closes the database, exits 0.
 */
export async function bootstrap(
  appModule: Type<unknown>,
  options: BootstrapOptions,
): Promise<NestFastifyApplication> {
  const app = await createApp(appModule, options);
  const config = app.get<PlatformConfig>(CONFIG);
  const logger = app.get(Logger);
  await app.listen(config.port, config.host);
  logger.log(
    `${options.service} listening on ${await app.getUrl()} (profile ${config.profile})`,
    'Bootstrap',
  );

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`, 'Bootstrap');
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${options.shutdownTimeoutMs ?? 30_000} ms`, 'Bootstrap');
      process.exit(1);
    }, options.shutdownTimeoutMs ?? 30_000);
    timer.unref();
    gracefulShutdown(app)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`, 'Bootstrap');
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return app;
}

/**
 * Stops an application in order: not ready, no new requests, workers stopped, then Nest's
 * shutdown hooks (the database closes last).
 */
export async function gracefulShutdown(app: INestApplication): Promise<void> {
  app.get(Readiness).markShuttingDown();
  await app.getHttpAdapter().close();
  await app.get(BackgroundWorkers).stopAll();
  await app.close();
}

/**
 * Runs a service module from its `main.ts` on the platform (storage, identity, operations):
 * bootstrap, and exit 1 with the reason if it fails to start.
 */
export function runService(serviceModule: Type<unknown>, options: BootstrapOptions): void {
  const stop = (error: unknown): never => {
    process.stderr.write(startupFailure(options.service, error));
    process.exit(1);
  };
  class ServiceApp {}
  try {
    Module({
      imports: [PlatformModule.forRoot({ service: options.service, clock: options.clock }), serviceModule],
    })(ServiceApp);
  } catch (error) {
    stop(error);
  }
  bootstrap(ServiceApp, options).catch(stop);
}

/**
 * What a service that cannot start prints: every problem of a bad configuration, one per line and
 * without a stack trace (the operator's mistake, not the program's); the stack of anything else.
 */
export function startupFailure(service: string, error: unknown): string {
  if (error instanceof ConfigError) {
    return `${service} cannot start: the configuration is not valid.\n${error.problems
      .map((problem) => `  - ${problem}\n`)
      .join('')}`;
  }
  return `${service} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`;
}
