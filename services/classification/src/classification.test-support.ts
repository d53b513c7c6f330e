import { classificationStream } from '@kesu/classification-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecordedEvent } from '@kesu/kernel';
import { createApp, DEMO_DIRECTORY, DOCUMENT_STORE, EVENT_STORE, PlatformModule } from '@kesu/platform';
import type { DocumentStore, EventStore } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ClassificationModule } from './classification.module';
import { ClassifyWorker } from './classify/classify.worker';

/** What intake records of a complaint, as far as classification reads it (ComplaintReceived v1). */
export interface Received {
  readonly description: string;
  readonly channel?: string;
  readonly branchId?: string;
  readonly subject?: { type: string; name?: string };
  readonly complainantCount?: number;
  readonly emotion?: string;
  readonly tenantId?: string;
}

/**
 * Classification in process: its module on the platform (guard, pipe, problem filter, relay and
 * background workers) with the embedded adapters in a temp folder. Complaints arrive as intake
 * records them: ComplaintReceived appended to an intake stream, published by the relay.
 */
export interface ClassificationTestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  readonly documents: DocumentStore;
  /** An HTTP request as the user `as`, with the headers given (If-Match, Idempotency-Key, …). */
  request(
    as: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers?: Readonly<Record<string, string>>,
  ): Promise<LightMyRequestResponse>;
  /** Appends a ComplaintReceived as intake would; returns the complaint id and the event. */
  receive(complaint: Received): Promise<{ complaintId: string; event: RecordedEvent }>;
  /** Appends a RecordCorrected (a read-back correction) to the complaint's intake stream, as intake would. */
  correct(complaintId: string, corrections: Record<string, unknown>): Promise<RecordedEvent>;
  /**
   * Receives the complaints one by one; each is classified by the consumer, then delivered once more
   * by hand (a redelivery racing the consumer), which also waits for its collective detection.
   */
  receiveAll(complaints: readonly Received[]): Promise<{ ids: string[]; events: RecordedEvent[] }>;
  /** The complaint's classification stream once it has `count` events (at most 10 s). */
  classified(complaintId: string, count?: number): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function startClassification(): Promise<ClassificationTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-classification-'));
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        // The all-in-one relay: it publishes the intake streams these specs append, too.
        service: 'host',
        env: {},
        directories: [DEMO_DIRECTORY],
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      ClassificationModule,
    ],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    if (!tokens.has(username)) {
      const reply = await http.inject({
        method: 'POST',
        url: '/api/v1/auth/dev-token',
        payload: { username },
      });
      tokens.set(username, (reply.json() as { accessToken: string }).accessToken);
    }
    return tokens.get(username)!;
  };
  const testApp: ClassificationTestApp = {
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
    async receive(complaint) {
      const complaintId = uuidv7();
      const branchId = complaint.branchId ?? 'east-1';
      const receivedAt = new Date().toISOString();
      const { events } = await store.appendToStream(
        `intake-complaint-${complaintId}`,
        [
          {
            eventId: uuidv7(),
            type: 'ComplaintReceived',
            schemaVersion: 1,
            occurredAt: receivedAt,
            tenantId: complaint.tenantId ?? 'demo',
            branchId,
            correlationId: complaintId,
            causationId: `request-${uuidv7()}`,
            actor: { kind: 'user', id: 'agent1', roles: ['agent'] },
            data: {
              complaintId,
              reference: `KS-TEST-${complaintId.slice(-6)}`,
              channel: complaint.channel ?? 'hotline',
              branchId,
              complainant: { subjectId: 'contact-x', sealed: 'pd1.a.b.c' },
              subject: complaint.subject ?? { type: 'service' },
              description: complaint.description,
              ...(complaint.emotion && { emotion: complaint.emotion }),
              complainantCount: complaint.complainantCount ?? 1,
              language: 'zh',
              receivedAt,
              acknowledgement: { respondBy: receivedAt },
            },
          },
        ],
        'no_stream',
      );
      return { complaintId, event: events[0]! };
    },
    async correct(complaintId, corrections) {
      const streamId = `intake-complaint-${complaintId}`;
      const history = await store.readStream(streamId);
      const received = history[0];
      const correctedAt = new Date().toISOString();
      const { events } = await store.appendToStream(
        streamId,
        [
          {
            eventId: uuidv7(),
            type: 'RecordCorrected',
            schemaVersion: 1,
            occurredAt: correctedAt,
            tenantId: received!.tenantId,
            branchId: received!.branchId,
            correlationId: complaintId,
            causationId: `request-${uuidv7()}`,
            actor: { kind: 'user', id: 'agent1', roles: ['agent'] },
            data: { complaintId, corrections, correctedAt },
          },
        ],
        history.length - 1,
      );
      return events[0]!;
    },
    async receiveAll(complaints) {
      const ids: string[] = [];
      const events: RecordedEvent[] = [];
      for (const complaint of complaints) {
        const { complaintId, event } = await testApp.receive(complaint);
        await testApp.classified(complaintId);
        await app.get(ClassifyWorker).apply(event);
        ids.push(complaintId);
        events.push(event);
      }
      return { ids, events };
    },
    async classified(complaintId, count = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const events = await store.readStream(classificationStream(complaintId));
        if (events.length >= count) return events;
        if (Date.now() > deadline) throw new Error(`complaint ${complaintId} not classified within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** Five residents' complaints about one smart-meter rollout (智能电表计量不准), a collective incident's worth. */
export const SMART_METER_TEXTS = [
  '小区更换的智能电表计量不准，这个月电费比上月多了一倍，要求重新校验电表。',
  '我家的智能电表计量不准，电费突然翻倍，要求供电公司重新校验电表并退费。',
  '智能电表计量不准，家里没人住电费还在涨，要求重新校验电表。',
  '新装的智能电表计量不准，电费比去年同期多了很多，请尽快重新校验电表。',
  '反映智能电表计量不准的问题，电费明显偏高，要求上门重新校验电表。',
];
