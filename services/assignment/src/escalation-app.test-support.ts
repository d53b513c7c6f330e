import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type Provider, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { escalationStream } from '@kesu/assignment-contracts';
import { classificationStream } from '@kesu/classification-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import {
  AccessTokens,
  createApp,
  DEMO_DIRECTORY,
  type DirectoryUser,
  DOCUMENT_STORE,
  EVENT_STORE,
  PlatformModule,
} from '@kesu/platform';
import type { DocumentStore, EventStore } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { appendAsService, type ServiceEvent } from '@kesu/testing';
import { v7 as uuidv7 } from 'uuid';
import { fixtureStaffDirectoryProvider } from './escalation-staff.test-support';

/*
 * Escalation and the incident plans in process, on the platform with the embedded adapters in a
 * temp folder and the fixture staff directory. Complaints arrive as intake and classification
 * record them: their events appended to those services' streams, published by the relay.
 */

/** What intake records of a complaint, as far as escalation reads it. */
export interface Received {
  readonly tenantId?: string;
  readonly branchId?: string;
  readonly complainantCount?: number;
}

/** A classification as classification records it (ComplaintClassified v1). */
export interface Classified {
  readonly category?: string;
  readonly severity?: 'minor' | 'general' | 'major' | 'critical';
  readonly scope?: 'individual' | 'collective';
  readonly signals?: string[];
  readonly departmentId?: string;
}

export interface EscalationTestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  readonly documents: DocumentStore;
  /** An HTTP request as a demo user (by username) or any user, with the headers given. */
  request(
    as: string | DirectoryUser,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers?: Readonly<Record<string, string>>,
  ): Promise<LightMyRequestResponse>;
  /** Appends a ComplaintReceived as intake would. */
  receive(complaint?: Received): Promise<{ complaintId: string; event: RecordedEvent }>;
  /** Appends an event of another service to the complaint's stream there, in the complaint's tenant and branch. */
  record(streamId: string, complaintId: string, type: string, data: object): Promise<RecordedEvent>;
  /** Appends a ComplaintClassified as classification would. */
  classify(complaintId: string, outcome?: Classified): Promise<RecordedEvent>;
  /** The complaint's escalation events. */
  escalation(complaintId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

const CLASSIFIED = { category: 'billing', severity: 'general', scope: 'individual', signals: [] };

/** Starts the app with these controllers and providers (escalation's and the plans'). */
export async function startEscalationApp(parts: {
  controllers: Type<unknown>[];
  providers: Provider[];
}): Promise<EscalationTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-escalation-'));
  class TestApp {}
  Module({
    imports: [
      // The all-in-one relay: it publishes the intake and classification streams these specs append.
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        directories: [DEMO_DIRECTORY],
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
    ],
    controllers: parts.controllers,
    providers: [...parts.providers, fixtureStaffDirectoryProvider],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, string>();
  const tokenFor = async (as: string | DirectoryUser) => {
    const user = typeof as === 'string' ? DEMO_DIRECTORY.users.find((u) => u.username === as)! : as;
    if (!tokens.has(user.id))
      tokens.set(user.id, (await app.get(AccessTokens).issueDemoToken(user)).accessToken);
    return tokens.get(user.id)!;
  };
  const append = (streamId: string, event: ServiceEvent) => appendAsService(store, streamId, event);
  const testApp: EscalationTestApp = {
    app,
    store,
    documents: app.get(DOCUMENT_STORE),
    request: async (as, method, url, payload, headers = {}) =>
      http.inject({
        method,
        url,
        headers: { ...headers, authorization: `Bearer ${await tokenFor(as)}` },
        ...(payload === undefined ? {} : { payload }),
      }),
    async receive(complaint = {}) {
      const complaintId = uuidv7();
      const branchId = complaint.branchId ?? 'east-1';
      const receivedAt = new Date().toISOString();
      const event = await append(intakeStream(complaintId), {
        type: 'ComplaintReceived',
        schemaVersion: 1,
        occurredAt: receivedAt,
        tenantId: complaint.tenantId ?? 'demo',
        branchId,
        correlationId: complaintId,
        data: {
          complaintId,
          reference: `KS-TEST-${complaintId.slice(-6)}`,
          channel: 'walk_in',
          branchId,
          complainant: { subjectId: 'contact-x', sealed: 'pd1.a.b.c' },
          subject: { type: 'product', name: '智能电表' },
          description: '新装的智能电表计量不准，电费翻倍。',
          complainantCount: complaint.complainantCount ?? 1,
          language: 'zh',
          receivedAt,
          acknowledgement: { respondBy: receivedAt },
        },
      });
      return { complaintId, event };
    },
    async record(streamId, complaintId, type, data) {
      const [received] = await store.readStream(intakeStream(complaintId), { maxCount: 1 });
      const at = new Date().toISOString();
      return append(streamId, {
        type,
        schemaVersion: 1,
        occurredAt: at,
        tenantId: received!.tenantId,
        branchId: received!.branchId,
        correlationId: complaintId,
        data: { complaintId, ...data },
      });
    },
    classify(complaintId, outcome = {}) {
      return testApp.record(classificationStream(complaintId), complaintId, 'ComplaintClassified', {
        ...CLASSIFIED,
        ...outcome,
        nature: 'effective',
        confidence: 0.9,
        needsHumanReview: false,
        decision: {
          model: { id: 'keywords', version: 1 },
          taxonomyVersion: 1,
          ruleSetVersion: 1,
          rules: [],
          ranking: [],
        },
        classifiedAt: new Date().toISOString(),
      });
    },
    escalation: (complaintId) => store.readStream(escalationStream(complaintId)),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** Waits (at most 10 s) until `read` gives what `done` accepts; answers the last read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const limit = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > limit) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
