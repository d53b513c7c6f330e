import { intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, DOCUMENT_STORE, EVENT_STORE, KEY_STORE, PlatformModule } from '@kesu/platform';
import { type DocumentStore, type EventStore, type KeyStore, ManualClock } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { IntakeModule } from '../intake.module';

const SETTINGS = '/api/v1/intake/settings';

/**
 * Intake in process for registration specs: the intake module on the platform (guard, pipe,
 * problem filter, relay and background workers) with the embedded adapters in a temp folder, and a
 * manual clock.
 */
export interface IntakeTestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  readonly clock: ManualClock;
  readonly store: EventStore;
  readonly documents: DocumentStore;
  readonly keys: KeyStore;
  /** Posts a registration as a demo user (default agent1). */
  register(
    body: object,
    options?: { as?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  post(as: string, url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Sends a request as a demo user. */
  request(
    method: 'GET' | 'POST' | 'PUT',
    as: string,
    url: string,
    options?: { payload?: object; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Gives the demo tenant this scope list (as admin), over its current policy. */
  useScopeList(outOfScopeTerms: readonly string[]): Promise<void>;
  /** The events of a complaint's intake stream. */
  streamOf(complaintId: string): ReturnType<EventStore['readStream']>;
  typesOf(complaintId: string): Promise<string[]>;
  /** Polls until `probe` answers something other than undefined (at most 10 s). */
  eventually<T>(probe: () => Promise<T | undefined>): Promise<T>;
  close(): Promise<void>;
}

/** Starts intake on a temp folder of its own, or on `dataDir` (another instance's, left to it to remove). */
export async function startIntake(
  start = new Date(),
  options: { dataDir?: string } = {},
): Promise<IntakeTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kesu-intake-registration-'));
  const clock = new ManualClock(start);
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'intake',
        env: {},
        clock,
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      IntakeModule,
    ],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, { token: string; at: number }>();
  const tokenFor = async (username: string) => {
    const cached = tokens.get(username);
    if (cached && clock.now().getTime() - cached.at < 3_600_000) return cached.token;
    const reply = await http.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } });
    const token = (reply.json() as { accessToken: string }).accessToken;
    tokens.set(username, { token, at: clock.now().getTime() });
    return token;
  };
  const request: IntakeTestApp['request'] = async (method, as, url, { payload, headers = {} } = {}) =>
    http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await tokenFor(as)}`, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
  const post = (as: string, url: string, payload?: object, headers: Record<string, string> = {}) =>
    request('POST', as, url, { ...(payload && { payload }), headers });
  const streamOf = (id: string) => store.readStream(intakeStream(id));
  return {
    app,
    dataDir,
    clock,
    store,
    documents: app.get(DOCUMENT_STORE),
    keys: app.get(KEY_STORE),
    register: (body, options = {}) =>
      post(options.as ?? 'agent1', '/api/v1/complaints', body, options.headers),
    post: (as, url, payload) => post(as, url, payload),
    request,
    async useScopeList(outOfScopeTerms) {
      const { policy } = (await request('GET', 'admin', SETTINGS)).json() as { policy: object };
      const payload = { ...policy, scope: { outOfScopeTerms }, reason: 'the scope list these specs need' };
      const reply = await request('PUT', 'admin', SETTINGS, { payload });
      if (reply.statusCode !== 200) throw new Error(`scope list not set: ${reply.body}`);
    },
    streamOf,
    typesOf: async (id) => (await streamOf(id)).map((event) => event.type),
    async eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error('condition not met within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
