import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { SystemClock } from '@kesu/ports';
import { LoggerModule } from 'nestjs-pino';
import { AccessTokens } from './access-tokens';
import { AuthGuard } from './auth.guard';
import { BackgroundWorkers } from './background-workers';
import { loadConfig, type PlatformConfig, validateConfig } from './config';
import { DeadLetters } from './dead-letters';
import { DeadLettersController } from './dead-letters.controller';
import { DevTokenController } from './dev-token.controller';
import { MeController } from './me.controller';
import { EventConsumers } from './event-consumers';
import { loggerParams } from './logging';
import { HttpMetricsHook, Metrics } from './metrics';
import { MetricsListener } from './metrics-listener';
import { OperationsController } from './operations.controller';
import { DIRECTORY_TENANTS, OrgDirectory } from './org-directory';
import type { PlatformOptions } from './platform-options';
import { ProblemFilter } from './problem.filter';
import { Projections } from './projections';
import { UndeclaredQueryParameters } from './query-parameters';
import { Readiness } from './readiness';
import { RelayWorker } from './relay-worker';
import { storageProviders } from './storage';
import { TenantAdmission } from './tenant-admission';
import { TenantDirectories } from './tenant-directories';
import {
  CLOCK,
  CONFIG,
  DOCUMENT_STORE,
  EMBEDDED_STORAGE,
  EVENT_STORE,
  FILE_STORE,
  KEY_STORE,
  MESSAGE_LOG,
  PLATFORM_OPTIONS,
  STORAGE,
} from './tokens';
import { UserCommands } from './user-commands';
import { createValidationPipe } from './validation';

/** The configuration forRoot will use: the environment's, overridden by `options.config`. */
export function resolvePlatformConfig(options: PlatformOptions): PlatformConfig {
  return validateConfig({ ...loadConfig(options.env ?? process.env), ...options.config });
}

/**
 * Everything a Kesu service process shares: configuration, the ports on the configured adapters,
 * background workers (the relay, event consumers, projections), identity (guard, dev tokens, the
 * tenants' directories and who they admit), the CQRS buses and the one way a person's command runs (`UserCommands`), problem
 * answers, validation, logging, metrics, health and dead letters. Global: import it once, in the
 * root module.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const config = resolvePlatformConfig(options);
    const providers: Provider[] = [
      { provide: PLATFORM_OPTIONS, useValue: options },
      { provide: CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
      ...storageProviders,
      BackgroundWorkers,
      ...(options.relay === false ? [] : [RelayWorker]),
      { provide: DIRECTORY_TENANTS, useValue: options.directories ?? [] },
      OrgDirectory,
      TenantDirectories,
      TenantAdmission,
      AccessTokens,
      Metrics,
      HttpMetricsHook,
      MetricsListener,
      Readiness,
      UserCommands,
      EventConsumers,
      Projections,
      DeadLetters,
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_INTERCEPTOR, useClass: UndeclaredQueryParameters },
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        LoggerModule.forRoot(loggerParams(config, options.service, options.logDestination)),
      ],
      controllers: [
        OperationsController,
        DeadLettersController,
        MeController,
        ...(config.profile === 'demo' ? [DevTokenController] : []),
      ],
      providers,
      exports: [
        CONFIG,
        CLOCK,
        STORAGE,
        EMBEDDED_STORAGE,
        EVENT_STORE,
        MESSAGE_LOG,
        DOCUMENT_STORE,
        KEY_STORE,
        FILE_STORE,
        BackgroundWorkers,
        OrgDirectory,
        TenantDirectories,
        TenantAdmission,
        AccessTokens,
        Metrics,
        Readiness,
        UserCommands,
        EventConsumers,
        Projections,
        LoggerModule,
      ],
    };
  }
}
