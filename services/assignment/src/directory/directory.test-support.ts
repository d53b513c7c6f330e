import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { directoryStream } from '@kesu/assignment-contracts';
import { createApp, EVENT_STORE, PlatformModule } from '@kesu/platform';
import { type EventStore, ManualClock } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { AssignmentModule } from '../assignment.module';

/*
 * The assignment service in process for the directory specs: its module on the platform (guard,
 * pipe, problem filter, relay, consumers) with the embedded adapters in a temp folder, in the demo
 * profile: the demo tenant is created and its organisation imported before the app is ready, through
 * the same commands as the HTTP routes (`DemoTenantSeeder`).
 */

export const PLATFORM_ADMIN = 'platform-admin';

export interface Headers {
  readonly [name: string]: string;
}

/** A request as a user (`username`, or `username@tenant` for a tenant other than the only one that has them). */
export interface DirectoryTestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  readonly store: EventStore;
  readonly clock: ManualClock;
  request(
    method: 'GET' | 'POST' | 'PUT',
    as: string,
    url: string,
    options?: { payload?: unknown; headers?: Headers },
  ): Promise<LightMyRequestResponse>;
  /** A dev token (`username@tenant` names the tenant), issued once per spec file (the route is rate limited). */
  tokenFor(as: string): Promise<string>;
  /** The events of a tenant's directory stream. */
  directoryEvents(tenantId: string): ReturnType<EventStore['readStream']>;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly dataDir?: string;
  /** Other modules to run beside assignment (none: assignment alone). */
  readonly modules?: Type<unknown>[];
  readonly directoryRefreshMs?: number;
}

export async function startAssignment(options: StartOptions = {}): Promise<DirectoryTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kesu-assignment-directory-'));
  const clock = new ManualClock(new Date('2026-11-23T02:00:00.000Z'));
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'assignment',
        env: {},
        clock,
        ...(options.directoryRefreshMs !== undefined && { directoryRefreshMs: options.directoryRefreshMs }),
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      ...(options.modules ?? [AssignmentModule]),
    ],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, string>();
  const tokenFor = async (as: string) => {
    const cached = tokens.get(as);
    if (cached) return cached;
    const [username, tenantId] = as.split('@');
    const reply = await http.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      payload: { username, ...(tenantId !== undefined && { tenantId }) },
    });
    if (reply.statusCode !== 200) throw new Error(`no dev token for ${as}: ${reply.body}`);
    const token = (reply.json() as { accessToken: string }).accessToken;
    tokens.set(as, token);
    return token;
  };
  const request: DirectoryTestApp['request'] = async (method, as, url, { payload, headers = {} } = {}) =>
    http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await tokenFor(as)}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    app,
    dataDir,
    store,
    clock,
    request,
    tokenFor,
    directoryEvents: (tenantId) => store.readStream(directoryStream(tenantId)),
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tenant of the specs other than the demo tenant, with its first administrator. */
export const northwind = {
  tenantId: 'northwind',
  name: { zh: '北风水务', en: 'Northwind Water' },
  timeZone: 'Europe/London',
  defaultLanguage: 'en',
  admin: { personId: 'nw-admin', username: 'nw-admin', name: { zh: '北风管理员', en: 'Northwind Admin' } },
  reason: 'a new customer',
};
