import { type ComplaintReceivedData, type IntakeEvent, intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type EventTypeRegistry, sealPersonalData } from '@kesu/kernel';
import {
  createApp,
  DEMO_DIRECTORY,
  DOCUMENT_STORE,
  EVENT_STORE,
  KEY_STORE,
  PlatformModule,
  type PlatformConfig,
} from '@kesu/platform';
import {
  type Clock,
  type DocumentStore,
  type EventStore,
  type KeyStore,
  rebuildProjection,
} from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { AnalyticsModule } from './analytics.module';
import { ANALYTICS_EVENTS } from './analytics-events';
import { complaintViewProjection } from './complaint-view/complaint-view.projection';

/*
 * The analytics service through HTTP, in process, for its specs: the analytics module on the platform
 * (guard, validation pipe, problem filter) and the embedded SQLite adapters in a temp folder. Intake's
 * events are appended as intake records them and projected by a rebuild, so the specs depend on the
 * event contract only. A spec calls `useAnalyticsApp()` once; the helpers below act on that app.
 */

let app: NestFastifyApplication;
let http: FastifyInstance;
let store: EventStore;
let documents: DocumentStore;
let keys: KeyStore;
let dataDir: string;
const tokens: Record<string, string> = {};

/** The app's stores (set once `useAnalyticsApp` has started it). */
export const stores = (): { store: EventStore; documents: DocumentStore; keys: KeyStore } => ({
  store,
  documents,
  keys,
});

/** A provider of the running app. */
export const provider = <T>(token: unknown): T => app.get<T>(token as never);

/** The app's data folder (its SQLite file is `kesu.db` there). */
export const dataDirectory = (): string => dataDir;

/** An analytics app over the data folder (another replica of the spec's app when it is theirs). */
export async function startAnalyticsApp(
  folder: string,
  config: Partial<PlatformConfig> = {},
  clock?: Clock,
): Promise<NestFastifyApplication> {
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'analytics-test',
        env: {},
        directories: [DEMO_DIRECTORY],
        relay: false,
        ...(clock && { clock }),
        config: { dataDir: folder, logLevel: 'silent', ...config },
      }),
      AnalyticsModule,
    ],
  })(TestApp);
  return createApp(TestApp);
}

/** Starts the app before the spec's tests (with tokens for admin, agent1, agent2, supervisor1, director1, analyst1, regulator1) and closes it after. */
export function useAnalyticsApp(config: Partial<PlatformConfig> = {}, clock?: Clock): void {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kesu-analytics-'));
    app = await startAnalyticsApp(dataDir, config, clock);
    http = app.getHttpAdapter().getInstance();
    store = app.get(EVENT_STORE);
    documents = app.get(DOCUMENT_STORE);
    keys = app.get(KEY_STORE);
    for (const username of [
      'admin',
      'agent1',
      'agent2',
      'supervisor1',
      'director1',
      'analyst1',
      'regulator1',
    ]) {
      const reply = await http.inject({
        method: 'POST',
        url: '/api/v1/auth/dev-token',
        payload: { username },
      });
      tokens[username] = reply.json().accessToken;
    }
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/** A GET as one of the demo users; without `as`, no token. */
export const get = (
  as: string | undefined,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  http.inject({
    method: 'GET',
    url,
    headers: { ...headers, ...(as !== undefined && { authorization: `Bearer ${tokens[as]}` }) },
  });

/** Folds every stored event into the complaint views again (a rebuild). */
export const project = (): Promise<number> =>
  rebuildProjection(complaintViewProjection, store, documents, app.get<EventTypeRegistry>(ANALYTICS_EVENTS));

/** One of intake's events after the registration. */
export type Follow = Exclude<IntakeEvent, { type: 'ComplaintReceived' }>;

export interface Seed {
  readonly branchId: string;
  readonly receivedAt: string;
  readonly description: string;
  readonly subject?: ComplaintReceivedData['subject'];
  readonly then?: ReadonlyArray<(id: string) => Follow>;
  readonly tenantId?: string;
  /** Other fields of the registration (channel details, location, …). */
  readonly extra?: Partial<ComplaintReceivedData>;
}

let sequence = 0;
/** A complaint as intake records it, followed by the given events; answers its id and reference. */
export async function seed({
  branchId,
  receivedAt,
  description,
  subject,
  then = [],
  tenantId = 'demo',
  extra = {},
}: Seed) {
  sequence++;
  const complaintId = uuidv7();
  const reference = `KS-${receivedAt.slice(0, 10).replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
  const subjectId = `customer-C-${sequence}`;
  const key = await keys.getOrCreate(tenantId, subjectId);
  const received: ComplaintReceivedData = {
    complaintId,
    reference,
    channel: 'hotline',
    branchId,
    complainant: {
      subjectId,
      sealed: sealPersonalData(key, subjectId, { name: '王女士', phone: '13800000000' }),
    },
    subject: subject ?? { type: 'service' },
    description,
    complainantCount: 1,
    language: /\p{Script=Han}/u.test(description) ? 'zh' : 'en',
    receivedAt,
    acknowledgement: { respondBy: new Date(Date.parse(receivedAt) + 86_400_000).toISOString() },
    ...extra,
  };
  const events = [{ type: 'ComplaintReceived', data: received }, ...then.map((next) => next(complaintId))];
  await store.appendToStream(
    intakeStream(complaintId),
    events.map(({ type, data }) => ({
      eventId: uuidv7(),
      type,
      schemaVersion: 1,
      data,
      occurredAt: receivedAt,
      tenantId,
      branchId,
      correlationId: complaintId,
      causationId: `request-${sequence}`,
      actor: { kind: 'user' as const, id: 'user-agent1', roles: ['agent'] },
    })),
    'no_stream',
  );
  return { complaintId, reference };
}

/**
 * Appends one more intake event to a complaint of east-1, recorded a moment after the last, at
 * `revision` of its stream, caused by `causationId`; answers when it was recorded.
 */
export async function follow(
  complaintId: string,
  revision: number,
  next: Follow,
  causationId = `request-follow-${revision}`,
): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await store.appendToStream(
    intakeStream(complaintId),
    [
      {
        eventId: uuidv7(),
        type: next.type,
        schemaVersion: 1,
        data: next.data,
        occurredAt: new Date().toISOString(),
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        causationId,
        actor: { kind: 'user', id: 'user-supervisor1', roles: ['supervisor'] },
      },
    ],
    revision - 1,
  );
  const events = await store.readStream(intakeStream(complaintId));
  return events.at(-1)!.recordedAt;
}

/** The ids listed by one page of the query, newest first. */
export async function listed(as: string, query: string): Promise<string[]> {
  const reply = await get(as, `/api/v1/complaints?${query}`);
  expect([query, reply.statusCode]).toEqual([query, 200]);
  return reply.json().items.map((item: { complaintId: string }) => item.complaintId);
}

/** A request with a JSON body as one of the demo users. */
export const send = (
  as: string,
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  http.inject({
    method,
    url,
    payload: payload as string,
    headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${tokens[as]}` },
  });
