import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type Provider, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from './bootstrap';
import { DEMO_DIRECTORY } from './demo-directory';
import { PlatformModule } from './platform.module';
import type { PlatformOptions } from './platform-options';

/** A platform app on a private temp DATA_DIR, for the platform's own integration specs (holding the demo tenant's directory unless given others). */
export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Issues a demo token for a directory user. */
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions extends Partial<PlatformOptions> {
  readonly controllers?: Type<unknown>[];
  readonly providers?: Provider[];
  readonly dataDir?: string;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kesu-platform-'));
  const { controllers = [], providers = [], config, ...platform } = options;
  const imports = [
    PlatformModule.forRoot({
      service: 'platform-test',
      env: {},
      directories: [DEMO_DIRECTORY],
      ...platform,
      config: { dataDir, logLevel: 'silent', ...config },
    }),
  ];
  class TestModule {}
  Module({ imports, controllers, providers })(TestModule);
  const app = await createApp(TestModule);
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  let closed = false;
  const testApp: TestApp = {
    app,
    dataDir,
    inject: (request) => fastify.inject(request),
    async tokenFor(username) {
      const response = await fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/dev-token',
        payload: { username },
      });
      if (response.statusCode !== 200)
        throw new Error(`dev-token for ${username}: ${response.statusCode} ${response.body}`);
      return (response.json() as { accessToken: string }).accessToken;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
