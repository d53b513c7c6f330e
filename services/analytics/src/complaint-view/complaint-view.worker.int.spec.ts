import { type ComplaintClassifiedData, classificationStream } from '@kesu/classification-contracts';
import { type ComplaintReceivedData, intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import { type NewEvent, type RecordedEvent, sealPersonalData, topicFor } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE, MESSAGE_LOG } from '@kesu/platform';
import {
  type Document,
  type DocumentStore,
  type EventStore,
  type MessageLog,
  PROJECTION_VERSIONS,
  type ProjectionVersionRecord,
} from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { startAnalyticsApp } from '../analytics.test-support';
import {
  COMPLAINT_VIEWS,
  type ComplaintViewDocument,
  complaintViewProjection,
} from './complaint-view.projection';

/** The fold version the service builds its views with. */
const VERSION = complaintViewProjection.version;

/*
 * A DATA_DIR left by the release before fold versions: intake's events and complaint views without
 * `searchTokens` or a version, at the head of the log. The analytics service rebuilds them at start,
 * before it consumes, and says so; started again, it rebuilds nothing.
 */

let dataDir: string;
const complaintIds: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kesu-analytics-worker-'));
  const storage = createEmbeddedStorage({ dataDir });
  for (const [i, description] of ['营业员态度恶劣，排队两个小时。', 'The meter reading doubled.'].entries()) {
    const complaintId = uuidv7();
    complaintIds.push(complaintId);
    const received = await receivedData(storage.keys, complaintId, i, description);
    const { position } = await storage.eventStore.appendToStream(
      intakeStream(complaintId),
      [newEvent(complaintId, 'ComplaintReceived', received)],
      'no_stream',
    );
    // What the release before stored: the first view's fields, no searchTokens, no projectionVersion.
    await storage.documents.collection<Document & Record<string, unknown>>(COMPLAINT_VIEWS).put({
      _id: complaintId,
      complaintId,
      tenantId: 'demo',
      branchId: 'east-1',
      status: 'received',
      description,
      receivedAt: received.receivedAt,
      lastPosition: position,
    });
  }
  await storage.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function receivedData(
  keys: { getOrCreate(tenantId: string, subjectId: string): Promise<Uint8Array> },
  complaintId: string,
  i: number,
  description: string,
): Promise<ComplaintReceivedData> {
  const subjectId = `customer-W-${i}`;
  const key = await keys.getOrCreate('demo', subjectId);
  return {
    complaintId,
    reference: `KS-20261120-00000${i + 1}`,
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { subjectId, sealed: sealPersonalData(key, subjectId, { name: '王女士' }) },
    subject: { type: 'service' },
    description,
    complainantCount: 1,
    language: i === 0 ? 'zh' : 'en',
    receivedAt: '2026-11-20T01:00:00.000Z',
    acknowledgement: { respondBy: '2026-11-21T01:00:00.000Z' },
  };
}

function newEvent(complaintId: string, type: string, data: unknown): NewEvent {
  return {
    eventId: uuidv7(),
    type,
    schemaVersion: 1,
    data,
    occurredAt: '2026-11-20T01:00:00.000Z',
    tenantId: 'demo',
    branchId: 'east-1',
    correlationId: complaintId,
    causationId: `request-${type}`,
    actor: { kind: 'user', id: 'user-agent1', roles: ['agent'] },
  };
}

const startAnalytics = (): Promise<NestFastifyApplication> => startAnalyticsApp(dataDir);

async function readyChecks(app: NestFastifyApplication): Promise<Record<string, string>> {
  const http = app.getHttpAdapter().getInstance();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await http.inject({ method: 'GET', url: '/health/ready' });
    if (reply.statusCode === 200 || Date.now() > deadline) return reply.json().checks;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the complaint view worker at start-up', () => {
  it('rebuilds views an older fold stored before it consumes, and reports it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const app = await startAnalytics();
    try {
      expect(await readyChecks(app)).toMatchObject({ 'projection.complaint-view': 'ok' });
      const documents = app.get<DocumentStore>(DOCUMENT_STORE);
      const views = documents.collection<ComplaintViewDocument>(COMPLAINT_VIEWS);
      for (const id of complaintIds) {
        expect(await views.get(id)).toMatchObject({
          projectionVersion: VERSION,
          searchTokens: expect.arrayContaining([expect.any(String)]),
          complainant: expect.any(Object),
        });
      }
      expect(
        await documents.collection<ProjectionVersionRecord>(PROJECTION_VERSIONS).get('complaint-view'),
      ).toMatchObject({ version: VERSION, events: 2, rebuild: null });
      const messages = logged.mock.calls.map(([message]) => String(message));
      expect(messages).toContainEqual(
        `complaint-view: no version recorded; rebuilding version ${VERSION} before consuming`,
      );
      expect(messages).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^complaint-view: rebuilt version ${VERSION} from 2 events in .* 0 stale documents deleted`,
          ),
        ),
      );
    } finally {
      await app.close();
      logged.mockRestore();
    }
  });

  it('rebuilds nothing when started again', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const app = await startAnalytics();
    try {
      expect(await readyChecks(app)).toMatchObject({ 'projection.complaint-view': 'ok' });
      const messages = logged.mock.calls.map(([message]) => String(message));
      expect(messages).toContainEqual(
        `complaint-view: the documents are version ${VERSION}, no rebuild; consuming`,
      );
      expect(messages.filter((message) => message.includes('rebuilding'))).toEqual([]);
    } finally {
      await app.close();
      logged.mockRestore();
    }
  });
});

/** A model's classification of the complaint as billing. */
const classifiedData = (complaintId: string): ComplaintClassifiedData =>
  ({
    complaintId,
    category: 'billing',
    severity: 'general',
    scope: 'individual',
    nature: 'effective',
    signals: [],
    confidence: 0.9,
    needsHumanReview: false,
    decision: {
      model: { id: 'keywords', version: 0 },
      taxonomyVersion: 1,
      ruleSetVersion: 1,
      rules: [],
      ranking: [{ category: 'billing', confidence: 0.9 }],
    },
    classifiedAt: '2026-11-20T01:00:01.000Z',
  }) as unknown as ComplaintClassifiedData;

describe('the complaint view worker with events delivered out of order', () => {
  /** Publishes stored events as the relay would, one at a time, and waits until the consumer is idle. */
  async function deliver(app: NestFastifyApplication, events: readonly RecordedEvent[]): Promise<void> {
    const log = app.get<MessageLog>(MESSAGE_LOG);
    for (const event of events) {
      await log.publish(topicFor(event), [{ key: event.correlationId, id: event.eventId, value: event }]);
    }
  }

  it('folds each event in its place: topics keep the order of a stream, not across streams', async () => {
    const app = await startAnalytics();
    try {
      expect(await readyChecks(app)).toMatchObject({ 'projection.complaint-view': 'ok' });
      const store = app.get<EventStore>(EVENT_STORE);
      const complaintId = uuidv7();
      const received = await receivedData(
        { getOrCreate: async () => new Uint8Array(32).fill(7) },
        complaintId,
        2,
        '智能电表走得太快，电费翻倍。',
      );
      await store.appendToStream(
        intakeStream(complaintId),
        [newEvent(complaintId, 'ComplaintReceived', received)],
        'no_stream',
      );
      const classified = classifiedData(complaintId);
      await store.appendToStream(
        classificationStream(complaintId),
        [newEvent(complaintId, 'ComplaintClassified', classified)],
        'no_stream',
      );
      await store.appendToStream(
        intakeStream(complaintId),
        [newEvent(complaintId, 'ComplaintAccepted', { complaintId, acceptedAt: '2026-11-20T01:05:00.000Z' })],
        0,
      );
      const [receivedEvent, acceptedEvent] = await store.readStream(intakeStream(complaintId));
      const [classifiedEvent] = await store.readStream(classificationStream(complaintId));
      // the classification first, before the view exists; then intake's two, the later one first
      await deliver(app, [classifiedEvent!, acceptedEvent!, receivedEvent!]);

      const views = app.get<DocumentStore>(DOCUMENT_STORE).collection<ComplaintViewDocument>(COMPLAINT_VIEWS);
      const deadline = Date.now() + 10_000;
      let view = await views.get(complaintId);
      while (Date.now() < deadline && !(view?.status === 'accepted' && view.classification)) {
        await new Promise((r) => setTimeout(r, 20));
        view = await views.get(complaintId);
      }
      expect(view).toMatchObject({
        status: 'accepted',
        classification: { category: 'billing', decidedBy: 'model' },
        intakeRevision: 1,
        eventCount: 3,
        lastPosition: acceptedEvent!.globalPosition,
      });
    } finally {
      await app.close();
    }
  });
  it('folds a member of a large incident again reading two of the incident’s events, not its stream', async () => {
    const app = await startAnalytics();
    try {
      const store = app.get<EventStore>(EVENT_STORE);
      const complaintId = uuidv7();
      const received = await receivedData(
        { getOrCreate: async () => new Uint8Array(32).fill(7) },
        complaintId,
        3,
        '小区燃气表计量不准，燃气费翻倍。',
      );
      await store.appendToStream(
        intakeStream(complaintId),
        [newEvent(complaintId, 'ComplaintReceived', received)],
        'no_stream',
      );
      await store.appendToStream(
        classificationStream(complaintId),
        [newEvent(complaintId, 'ComplaintClassified', classifiedData(complaintId))],
        'no_stream',
      );
      // an incident of 5 others, 30 more joining, then this complaint
      const incidentId = uuidv7();
      const incident = { incidentId, tenantId: 'demo', branchId: 'east-1' };
      const others = Array.from({ length: 35 }, () => uuidv7());
      const joinOf = (id: string, n: number) =>
        newEvent(incidentId, 'ComplaintJoinedCollectiveIncident', {
          ...incident,
          complaintId: id,
          receivedAt: '2026-11-20T01:00:00.000Z',
          joiningComplainantCount: 1,
          complaintCount: n,
          complainantCount: n,
          joinedAt: '2026-11-20T01:10:00.000Z',
        });
      const detected = newEvent(incidentId, 'CollectiveIncidentDetected', {
        ...incident,
        target: 'branch east-1, category metering, subject "燃气表"',
        complaintIds: others.slice(0, 5),
        complainantCount: 5,
        windowStart: '2026-11-20T00:30:00.000Z',
        detectedAt: '2026-11-20T01:00:00.000Z',
      });
      const stream = `classification-incident-${incidentId}`;
      await store.appendToStream(
        stream,
        [detected, ...others.slice(5).map((id, i) => joinOf(id, 6 + i))],
        'no_stream',
      );
      await store.appendToStream(stream, [joinOf(complaintId, 36)], 30);
      const [receivedEvent] = await store.readStream(intakeStream(complaintId));
      const [classifiedEvent] = await store.readStream(classificationStream(complaintId));
      const [joinEvent] = await store.readStream(stream, { fromRevision: 31 });

      const views = app.get<DocumentStore>(DOCUMENT_STORE).collection<ComplaintViewDocument>(COMPLAINT_VIEWS);
      const until = async (done: (view: ComplaintViewDocument | null) => boolean) => {
        const deadline = Date.now() + 10_000;
        let view = await views.get(complaintId);
        while (Date.now() < deadline && !done(view)) {
          await new Promise((r) => setTimeout(r, 20));
          view = await views.get(complaintId);
        }
        return view;
      };
      await deliver(app, [receivedEvent!, joinEvent!]);
      await until((view) => view?.collectiveIncident != null);
      const byCorrelation = jest.spyOn(store, 'readByCorrelationId');
      const streamReads = jest.spyOn(store, 'readStream');
      // then the classification, recorded before the join: a late event, folded again
      await deliver(app, [classifiedEvent!]);
      const view = await until((v) => v?.classification != null);
      expect(view).toMatchObject({
        classification: { category: 'billing' },
        collectiveIncident: { incidentId, complaintCount: 36, revision: 31 },
        lastPosition: joinEvent!.globalPosition,
      });
      expect(byCorrelation.mock.calls.map(([id]) => id)).not.toContain(incidentId);
      const incidentReads = await Promise.all(
        streamReads.mock.calls.flatMap(([id], i) =>
          id === stream ? [streamReads.mock.results[i]!.value] : [],
        ),
      );
      expect(
        incidentReads
          .flat()
          .map((e: RecordedEvent) => e.revision)
          .sort(),
      ).toEqual([0, 31]);
    } finally {
      await app.close();
    }
  });
});
