import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AnalyticsModule } from '@kesu/analytics';
import { AssignmentModule } from '@kesu/assignment';
import { ClassificationModule, ModelTraining } from '@kesu/classification';
import { FollowUpModule } from '@kesu/follow-up';
import { IntakeModule } from '@kesu/intake';
import {
  createApp,
  DEMO_AUDIENCE,
  DEMO_DIRECTORY,
  DEMO_ISSUER,
  EMBEDDED_STORAGE,
  EVENT_STORE,
  loadOrCreateDemoSigningKey,
  PlatformModule,
} from '@kesu/platform';
import type { EmbeddedStorage } from '@kesu/adapter-embedded';
import type { EventStore } from '@kesu/ports';
import { SlaModule } from '@kesu/sla';
import { delay } from '@kesu/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SignJWT } from 'jose';
import { caughtUp as caughtUpWith, type StoredState, watchStoredState } from './stored-state.test-support';

/*
 * Every service of the host in one process, as `npm start` composes them (without the demo seeder),
 * on the embedded adapters in a temp folder: the app the security suites attack through HTTP.
 */

/**
 * The demo tenant's users the matrix calls as, one per role (two agents of different branches), in
 * its column order; each must be a user of the demo directory.
 */
export const DEMO_USERS = [
  'admin',
  'agent1',
  'agent2',
  'handler1',
  'supervisor1',
  'manager1',
  'director1',
  'analyst1',
  'regulator1',
].map((username) => {
  if (!DEMO_DIRECTORY.users.some((u) => u.username === username))
    throw new Error(`${username} is not a user of the demo directory`);
  return username;
});
/**
 * Who else calls: the platform administrator (creates tenants, acts in none), an administrator of
 * another tenant (a valid token), and nobody (no token).
 */
export const PLATFORM_ADMIN = 'platform-admin';
export const OTHER_TENANT = 'other';
export const ANONYMOUS = 'none';
export const CALLERS = [...DEMO_USERS, PLATFORM_ADMIN, OTHER_TENANT, ANONYMOUS] as const;
export type CallerName = string;

export interface SentRequest {
  readonly method: InjectOptions['method'];
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SecurityApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  /**
   * A request as a caller: a demo username, `platform-admin`, `other` (another tenant's
   * administrator) or `none`.
   */
  send(as: CallerName, request: SentRequest): Promise<LightMyRequestResponse>;
  /** A raw request (headers and payload exactly as given, no token added). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** The bearer token of a caller (undefined for `none`). */
  token(as: CallerName): string | undefined;
  /** A token signed with the demo key: `expiresIn` seconds from now (negative: expired), null: no `exp`. */
  sign(claims: TokenClaims, expiresIn: number | null): Promise<string>;
  stored(): Promise<StoredState>;
  /**
   * What is stored, read once the background work has caught up with every event recorded so far (a
   * service's own timer may have recorded one meanwhile): a baseline no earlier event's projection
   * will move.
   */
  storedAtRest(): Promise<StoredState>;
  /**
   * Waits until the background work (relay, consumers, projections, training, a retraining that came
   * due) has caught up: what follows can tell what a request stored.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Claims of a token: who, in which tenant, with which roles and branches. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** The claims of an administrator of a tenant the directory does not know. */
export const OTHER_ADMIN: TokenClaims = {
  sub: 'user-other-admin',
  tid: OTHER_TENANT,
  roles: ['admin'],
  branches: ['hq'],
  name: '他司管理员',
  preferred_username: 'other-admin',
};

/** Signs claims as the demo profile does (its key in DATA_DIR); `expiresIn` null: no `exp` at all. */
async function signAsDemo(dataDir: string, claims: TokenClaims, expiresIn: number | null): Promise<string> {
  const key = await loadOrCreateDemoSigningKey(dataDir);
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(DEMO_ISSUER)
    .setAudience(DEMO_AUDIENCE)
    .setIssuedAt(now);
  return (expiresIn === null ? jwt : jwt.setExpirationTime(now + expiresIn)).sign(key.privateKey);
}

/** How a suite's app differs from the host's defaults. */
export interface SecurityAppOptions {
  /**
   * Whether the edge's rate limits apply (default: yes). The fuzz suite sends thousands of requests
   * as one user from one address within a minute; the limits have their own tests
   * (`libs/platform/src/edge-*.int.spec.ts`, `test/e2e`).
   */
  readonly rateLimits?: boolean;
}

export async function startSecurityApp(
  name: string,
  { rateLimits = true }: SecurityAppOptions = {},
): Promise<SecurityApp> {
  const dataDir = mkdtempSync(join(tmpdir(), `kesu-security-${name}-`));
  class SecurityTestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        config: {
          dataDir,
          logLevel: 'silent',
          pollIntervalMs: 10,
          ...(!rateLimits && { rateLimitAnonymous: 0, rateLimitUser: 0 }),
        },
      }),
      IntakeModule,
      ClassificationModule,
      AssignmentModule,
      SlaModule,
      FollowUpModule,
      AnalyticsModule,
    ],
  })(SecurityTestApp);
  const app = await createApp(SecurityTestApp);
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const embedded = app.get<EmbeddedStorage>(EMBEDDED_STORAGE);
  const tokens = new Map<string, string>();
  for (const username of [...DEMO_USERS, PLATFORM_ADMIN]) {
    const reply = await http.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } });
    tokens.set(username, (reply.json() as { accessToken: string }).accessToken);
  }
  tokens.set(OTHER_TENANT, await signAsDemo(dataDir, OTHER_ADMIN, 3600));

  const stored = watchStoredState(embedded.database.db, store);

  const caughtUp = async (): Promise<boolean> => caughtUpWith(embedded.database.db);

  const settle = async (): Promise<void> => {
    // a bound for a failure, not a wait: under a full test run's load catching up takes longer
    const deadline = Date.now() + 60_000;
    for (let caughtUpTwice = 0; caughtUpTwice < 2;) {
      if (Date.now() > deadline) throw new Error('the background work did not catch up within 60 s');
      // a retraining that came due starts now, not at an instant of the timer's choosing
      await app.get(ModelTraining).sweep();
      await app.get(ModelTraining).idle('demo');
      await delay(10);
      caughtUpTwice = (await caughtUp()) ? caughtUpTwice + 1 : 0;
    }
  };

  return {
    app,
    store,
    token: (as) => tokens.get(as),
    sign: (claims, expiresIn) => signAsDemo(dataDir, claims, expiresIn),
    inject: (options) => http.inject(options),
    send(as, { method, url, payload, headers = {} }) {
      const token = tokens.get(as);
      return http.inject({
        method,
        url,
        headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    },
    stored,
    async storedAtRest() {
      for (;;) {
        if (!(await caughtUp())) await settle();
        const state = await stored();
        if ((await caughtUp()) && (await store.headPosition()) === state.headPosition) return state;
      }
    },
    settle,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
