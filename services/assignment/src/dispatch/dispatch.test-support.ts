import { assignmentStream } from '@kesu/assignment-contracts';
import { classificationStream, type ComplaintClassifiedData } from '@kesu/classification-contracts';
import { type ComplaintReceivedData, intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Actor, RecordedEvent } from '@kesu/kernel';
import {
  AccessTokens,
  createApp,
  DEMO_DIRECTORY,
  DOCUMENT_STORE,
  EVENT_STORE,
  PlatformModule,
  type TenantDirectory,
} from '@kesu/platform';
import type { Clock, DocumentStore, EventStore } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { FixtureStaffDirectory, userOf } from '../dispatch-staff.test-support';
import { queueControllers, queueProviders } from '../queues';
import { STAFF_DIRECTORY } from '../staff-directory';
import { dispatchControllers, dispatchProviders } from './index';

/*
 * Dispatch in process: its controllers and providers (and the queues') on the platform with the
 * embedded adapters in a temp folder, over the fixture staff (`FixtureStaffDirectory`). Complaints
 * arrive as intake and classification record them (events appended to their streams), published by
 * the all-in-one relay, so the dispatch consumer reacts to them.
 */

export interface Classified {
  readonly category?: string;
  readonly severity?: ComplaintClassifiedData['severity'];
  readonly scope?: ComplaintClassifiedData['scope'];
  readonly signals?: ComplaintClassifiedData['signals'];
  readonly departmentId?: string;
}

export interface Received {
  readonly branchId?: string;
  readonly channel?: ComplaintReceivedData['channel'];
  readonly language?: ComplaintReceivedData['language'];
  readonly tenantId?: string;
}

export interface DispatchTestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  readonly documents: DocumentStore;
  readonly staff: FixtureStaffDirectory;
  /** An HTTP request as the fixture person `as` (`<tenant>/<person>` outside the demo tenant) or demo user. */
  request(
    as: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers?: Readonly<Record<string, string>>,
  ): Promise<LightMyRequestResponse>;
  /** `POST /api/v1/complaints/{id}/{action}` as `as`. */
  act(
    as: string,
    id: string,
    action: string,
    payload?: object,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  receive(complaint?: Received): Promise<string>;
  accept(complaintId: string): Promise<RecordedEvent>;
  classify(complaintId: string, classification?: Classified): Promise<RecordedEvent>;
  reclassify(
    complaintId: string,
    change: { category: string; severity?: Classified['severity'] },
  ): Promise<RecordedEvent>;
  withdraw(complaintId: string): Promise<RecordedEvent>;
  close(complaintId: string): Promise<RecordedEvent>;
  /** Received, accepted and classified: ready for dispatch. */
  ready(complaint?: Received, classification?: Classified): Promise<string>;
  /** The complaint's assignment stream once `holds` is true of it (at most 10 s). */
  assignment(complaintId: string, holds?: (events: RecordedEvent[]) => boolean): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

const AGENT: Actor = { kind: 'user', id: 'user-agent1', roles: ['agent'] };

export interface DispatchTestOptions {
  readonly clock?: Clock;
  readonly relay?: boolean;
  /** More tenants the platform's directory knows (for scope), besides the demo tenant. */
  readonly tenants?: readonly TenantDirectory[];
}

export async function startDispatch(options: DispatchTestOptions = {}): Promise<DispatchTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-dispatch-'));
  const staff = new FixtureStaffDirectory();
  class DispatchUnderTest {}
  Module({
    controllers: [...dispatchControllers, ...queueControllers],
    providers: [{ provide: STAFF_DIRECTORY, useValue: staff }, ...dispatchProviders, ...queueProviders],
  })(DispatchUnderTest);
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        directories: [DEMO_DIRECTORY, ...(options.tenants ?? [])],
        ...(options.clock && { clock: options.clock }),
        ...(options.relay === false && { relay: false }),
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      DispatchUnderTest,
    ],
  })(TestApp);
  const app = await createApp(TestApp);
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, string>();
  const tokenFor = async (as: string) => {
    if (!tokens.has(as)) {
      const [tenantId, personId] = as.includes('/') ? as.split('/') : ['demo', as];
      const person = await staff.person(tenantId!, personId!);
      if (person)
        tokens.set(as, (await app.get(AccessTokens).issueDemoToken(userOf(person, tenantId))).accessToken);
      else {
        const reply = await http.inject({
          method: 'POST',
          url: '/api/v1/auth/dev-token',
          payload: { username: as },
        });
        tokens.set(as, (reply.json() as { accessToken: string }).accessToken);
      }
    }
    return tokens.get(as)!;
  };
  const places = new Map<string, { tenantId: string; branchId: string }>();
  const append = async (streamId: string, complaintId: string, type: string, data: object) => {
    const { tenantId, branchId } = places.get(complaintId)!;
    const { events } = await store.appendToStream(
      streamId,
      [
        {
          eventId: uuidv7(),
          type,
          schemaVersion: 1,
          occurredAt: new Date().toISOString(),
          tenantId,
          branchId,
          correlationId: complaintId,
          causationId: `request-${uuidv7()}`,
          actor: AGENT,
          data,
        },
      ],
      'any',
    );
    return events[0]!;
  };
  let received = 0;
  const testApp: DispatchTestApp = {
    app,
    store,
    documents: app.get(DOCUMENT_STORE),
    staff,
    request: async (as, method, url, payload, headers = {}) =>
      http.inject({
        method,
        url,
        headers: { ...headers, authorization: `Bearer ${await tokenFor(as)}` },
        ...(payload === undefined ? {} : { payload }),
      }),
    act: (as, id, action, payload = {}, headers) =>
      testApp.request(as, 'POST', `/api/v1/complaints/${id}/${action}`, payload, headers),
    async receive(complaint = {}) {
      const complaintId = uuidv7();
      const branchId = complaint.branchId ?? 'east-1';
      places.set(complaintId, { tenantId: complaint.tenantId ?? 'demo', branchId });
      const receivedAt = new Date(Date.UTC(2026, 10, 23, 1, 0, received++)).toISOString();
      const data: ComplaintReceivedData = {
        complaintId,
        reference: `KS-20261123-${String(received).padStart(6, '0')}`,
        channel: complaint.channel ?? 'hotline',
        branchId,
        complainant: { subjectId: 'subject-x', sealed: 'pd1.a.b.c' },
        subject: { type: 'service' },
        description: '营业员态度恶劣。',
        complainantCount: 1,
        language: complaint.language ?? 'zh',
        receivedAt,
        acknowledgement: { respondBy: receivedAt },
      };
      await append(intakeStream(complaintId), complaintId, 'ComplaintReceived', data);
      return complaintId;
    },
    accept: (complaintId) =>
      append(intakeStream(complaintId), complaintId, 'ComplaintAccepted', {
        complaintId,
        acceptedAt: new Date().toISOString(),
      }),
    classify: (complaintId, c = {}) =>
      append(classificationStream(complaintId), complaintId, 'ComplaintClassified', {
        complaintId,
        category: c.category ?? 'service_attitude',
        severity: c.severity ?? 'general',
        scope: c.scope ?? 'individual',
        nature: 'effective',
        signals: c.signals ?? [],
        confidence: 0.9,
        needsHumanReview: false,
        ...(c.departmentId !== undefined && { departmentId: c.departmentId }),
        decision: {
          model: { id: 'keywords', version: 1 },
          taxonomyVersion: 1,
          ruleSetVersion: 1,
          rules: [],
          ranking: [],
        },
        classifiedAt: new Date().toISOString(),
      }),
    reclassify: (complaintId, change) =>
      append(classificationStream(complaintId), complaintId, 'ComplaintReclassified', {
        complaintId,
        ...change,
        reason: '人工更正',
        reclassifiedBy: 'user-supervisor1',
        reclassifiedAt: new Date().toISOString(),
      }),
    withdraw: (complaintId) =>
      append(intakeStream(complaintId), complaintId, 'ComplaintWithdrawn', {
        complaintId,
        reason: '已自行解决',
        withdrawnAt: new Date().toISOString(),
      }),
    close: (complaintId) =>
      append(`followup-complaint-${complaintId}`, complaintId, 'ComplaintClosed', {
        complaintId,
        closedBy: 'user-supervisor1',
        closedAt: new Date().toISOString(),
        outcome: 'resolved',
        finalCategory: 'service_attitude',
      }),
    async ready(complaint, classification) {
      const id = await testApp.receive(complaint);
      await testApp.accept(id);
      await testApp.classify(id, classification);
      return id;
    },
    async assignment(complaintId, holds = (events) => events.length > 0) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const events = await store.readStream(assignmentStream(complaintId));
        if (holds(events)) return events;
        if (Date.now() > deadline)
          throw new Error(`assignment of ${complaintId}: ${events.map((e) => e.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** Waits until `check` holds (at most 10 s). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`never held: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The types of a stream's events. */
export const typesOf = (events: readonly RecordedEvent[]) => events.map((e) => e.type);
