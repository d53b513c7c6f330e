import { type ComplaintReceivedData, intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, DEMO_DIRECTORY, EVENT_STORE, KEY_STORE, PlatformModule } from '@kesu/platform';
import type { EventStore, KeyStore } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { IntakeModule } from '../intake.module';

/*
 * Intake's work actions through HTTP, in process, for the action specs: the intake module on the
 * platform (guard, pipe, problem filter) and the embedded SQLite adapters in a temp folder. A spec
 * calls `useActionsApp()` once; the helpers below act on that app.
 */

let app: NestFastifyApplication;
let http: FastifyInstance;
let store: EventStore;
let keys: KeyStore;

/** The app's event store and key store (set once `useActionsApp` has started it). */
export const stores = (): { store: EventStore; keys: KeyStore } => ({ store, keys });
let dataDir: string;
const tokens: Record<string, string> = {};

export function useActionsApp(): void {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kesu-intake-actions-'));
    class TestApp {}
    Module({
      imports: [
        PlatformModule.forRoot({
          service: 'intake-test',
          env: {},
          directories: [DEMO_DIRECTORY],
          relay: false,
          config: { dataDir, logLevel: 'silent' },
        }),
        IntakeModule,
      ],
    })(TestApp);
    app = await createApp(TestApp);
    http = app.getHttpAdapter().getInstance();
    store = app.get(EVENT_STORE);
    keys = app.get(KEY_STORE);
    for (const username of ['admin', 'agent1', 'agent2', 'handler1', 'supervisor1', 'analyst1']) {
      const reply = await http.inject({
        method: 'POST',
        url: '/api/v1/auth/dev-token',
        payload: { username },
      });
      tokens[username] = reply.json().accessToken;
    }
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

export type As = keyof typeof tokens | string;

const post = (
  as: As,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  http.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${tokens[as]}`, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });

let registered = 0;
/**
 * A complaint registered in east-1, as registration records it (appended directly, so these specs
 * depend on the event contract only, not on registration's rules).
 */
export async function register(tenantId = 'demo'): Promise<string> {
  registered++;
  const complaintId = uuidv7();
  const receivedAt = new Date().toISOString();
  const data: ComplaintReceivedData = {
    complaintId,
    reference: `KS-20261123-${String(registered).padStart(6, '0')}`,
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { subjectId: `customer-C-${registered}`, sealed: 'pd1.a.b.c' },
    subject: { type: 'staff', name: '人民路营业厅' },
    description: '营业员态度恶劣，排队两个小时。',
    complainantCount: 1,
    language: 'zh',
    receivedAt,
    acknowledgement: { respondBy: new Date(Date.parse(receivedAt) + 86_400_000).toISOString() },
  };
  await store.appendToStream(
    intakeStream(complaintId),
    [
      {
        eventId: uuidv7(),
        type: 'ComplaintReceived',
        schemaVersion: 1,
        data,
        occurredAt: receivedAt,
        tenantId,
        branchId: 'east-1',
        correlationId: complaintId,
        causationId: `request-${uuidv7()}`,
        actor: { kind: 'user', id: 'user-agent1', roles: ['agent'] },
      },
    ],
    'no_stream',
  );
  return complaintId;
}

export const act = (as: As, id: string, action: string, payload?: object, headers?: Record<string, string>) =>
  post(as, `/api/v1/complaints/${id}/${action}`, payload, headers);
export const streamOf = (id: string) => store.readStream(intakeStream(id));
export const typesOf = async (id: string) => (await streamOf(id)).map((e) => e.type);

export const REJECTION = { reason: 'not_in_scope', explanation: '该事项属于物业公司，请联系物业服务中心。' };
export const GROUNDS = { grounds: '营业厅由贵公司经营，不是物业。' };

/** Puts a new complaint into a state by performing the actions that lead there. */
export async function complaintThat(...steps: Array<[As, string, object?]>): Promise<string> {
  const id = await register();
  for (const [as, action, payload] of steps)
    expect((await act(as, id, action, payload)).statusCode).toBe(202);
  return id;
}
