import { type ComplaintReceivedData, type IntakeEvent, intakeStream } from '@kesu/intake-contracts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type EventTypeRegistry, sealPersonalData } from '@kesu/kernel';
import { createApp, DOCUMENT_STORE, EVENT_STORE, KEY_STORE, PlatformModule } from '@kesu/platform';
import { type DocumentStore, type EventStore, type KeyStore, rebuildProjection } from '@kesu/ports';
import Ajv from 'ajv';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { AnalyticsModule } from '../analytics.module';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { COMPLAINT_VIEWS, complaintViewProjection } from './complaint-view.projection';

/*
 * The complaint list and view through HTTP, in process: the analytics module on the platform (guard,
 * validation pipe, problem filter) and the embedded SQLite adapters in a temp folder. Intake's events
 * are appended as intake records them and projected by a rebuild, so these specs depend on the event
 * contract only.
 */

let app: NestFastifyApplication;
let http: FastifyInstance;
let store: EventStore;
let documents: DocumentStore;
let keys: KeyStore;
let dataDir: string;
const tokens: Record<string, string> = {};

type Follow = Exclude<IntakeEvent, { type: 'ComplaintReceived' }>;
interface Seed {
  readonly branchId: string;
  readonly receivedAt: string;
  readonly description: string;
  readonly subject?: ComplaintReceivedData['subject'];
  readonly then?: ReadonlyArray<(id: string) => Follow>;
  readonly tenantId?: string;
}

let sequence = 0;
/** A complaint as intake records it, followed by the given events; answers its id and reference. */
async function seed({ branchId, receivedAt, description, subject, then = [], tenantId = 'demo' }: Seed) {
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

const accepted = (id: string): Follow => ({
  type: 'ComplaintAccepted',
  data: { complaintId: id, acceptedAt: '2026-11-21T00:00:00.000Z' },
});
const rejected = (id: string): Follow => ({
  type: 'ComplaintRejected',
  data: {
    complaintId: id,
    reason: 'no_factual_basis',
    explanation: 'No record of the link.',
    automatic: false,
    rejectedAt: '2026-11-21T00:00:00.000Z',
  },
});
const withdrawn = (id: string): Follow => ({
  type: 'ComplaintWithdrawn',
  data: { complaintId: id, reason: '已退款', withdrawnAt: '2026-11-21T00:00:00.000Z' },
});

const project = () =>
  rebuildProjection(complaintViewProjection, store, documents, app.get<EventTypeRegistry>(ANALYTICS_EVENTS));

const c: Record<string, { complaintId: string; reference: string }> = {};
const FILLERS = 25;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kesu-analytics-list-'));
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'analytics-test',
        env: {},
        relay: false,
        config: { dataDir, logLevel: 'silent' },
      }),
      AnalyticsModule,
    ],
  })(TestApp);
  app = await createApp(TestApp);
  http = app.getHttpAdapter().getInstance();
  store = app.get(EVENT_STORE);
  documents = app.get(DOCUMENT_STORE);
  keys = app.get(KEY_STORE);
  for (const username of ['admin', 'agent1', 'supervisor1', 'analyst1']) {
    const reply = await http.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } });
    tokens[username] = reply.json().accessToken;
  }

  c.meter = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-20T01:00:00.000Z',
    subject: { type: 'product', name: '智能电表' },
    description: '小区更换智能电表后电费翻倍，要求现场校验。',
  });
  c.attitude = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-20T02:00:00.000Z',
    subject: { type: 'staff', name: '人民路营业厅' },
    description: '营业员态度恶劣，排队两个小时。',
    then: [accepted],
  });
  c.password = await seed({
    branchId: 'east-2',
    receivedAt: '2026-11-20T03:00:00.000Z',
    description: 'The password reset link expires before the email arrives.',
    then: [rejected],
  });
  c.billing = await seed({
    branchId: 'east-2',
    receivedAt: '2026-11-20T04:00:00.000Z',
    description: '十月份账单多扣了 58 元流量费。',
    then: [withdrawn],
  });
  c.reading = await seed({
    branchId: 'west-1',
    receivedAt: '2026-11-20T05:00:00.000Z',
    description: '电表读数异常，电费比上月高三倍。',
    then: [accepted],
  });
  c.twice = await seed({
    branchId: 'west-2',
    receivedAt: '2026-11-20T06:00:00.000Z',
    description: 'I was charged twice for my October bill.',
  });
  c.foreign = await seed({
    tenantId: 'other',
    branchId: 'east-1',
    receivedAt: '2026-11-20T07:00:00.000Z',
    description: '智能电表 password October',
  });
  for (let i = 0; i < FILLERS; i++) {
    await seed({
      branchId: 'east-1',
      receivedAt: `2026-11-22T${String(i % 24).padStart(2, '0')}:${i < 24 ? '00' : '30'}:00.000Z`,
      description: `宽带安装师傅迟到 ${i}`,
    });
  }
  await project();
  // As the view shows what the classification service decided.
  const views = documents.collection(COMPLAINT_VIEWS);
  const classify = (id: string, category: string, severity: string) =>
    views.update(id, {
      $set: {
        classification: {
          category,
          severity,
          scope: 'individual',
          confidence: 0.9,
          nature: 'effective',
          signals: [],
          needsHumanReview: false,
          departmentId: null,
          decidedBy: 'model',
          classifiedAt: '2026-11-23T02:00:01.000Z',
        },
      },
    });
  await classify(c.attitude!.complaintId, 'service_attitude', 'major');
  await classify(c.reading!.complaintId, 'billing', 'minor');
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (as: string, url: string) =>
  http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[as]}` } });

/** The ids listed by one page of the query, newest first. */
async function listed(as: string, query: string): Promise<string[]> {
  const reply = await get(as, `/api/v1/complaints?${query}`);
  expect([query, reply.statusCode]).toEqual([query, 200]);
  return reply.json().items.map((item: { complaintId: string }) => item.complaintId);
}
const ids = (...names: string[]) => names.map((name) => c[name]!.complaintId);

/** Every bad field a 400 names. */
async function badFields(query: string): Promise<string[]> {
  const reply = await get('admin', `/api/v1/complaints?${query}`);
  expect([query, reply.statusCode, reply.json().type]).toEqual([
    query,
    400,
    'urn:kesu:problem:validation-failed',
  ]);
  return reply.json().errors.map((error: { field: string }) => error.field);
}

describe('GET /api/v1/complaints', () => {
  it('lists newest first as summaries without the complainant', async () => {
    const reply = await get('admin', '/api/v1/complaints?limit=3');
    expect(reply.statusCode).toBe(200);
    const body = reply.json();
    expect(body.items).toHaveLength(3);
    expect(body.nextCursor).toEqual(expect.any(String));
    const receivedAts = body.items.map((item: { receivedAt: string }) => item.receivedAt);
    expect(receivedAts).toEqual([...receivedAts].sort().reverse());
    expect((await get('admin', '/api/v1/complaints?status=received&limit=100')).json().items[0]).toEqual({
      complaintId: expect.any(String),
      reference: expect.stringMatching(/^KS-20261122-\d{6}$/),
      status: 'received',
      channel: 'hotline',
      branchId: 'east-1',
      receivedAt: '2026-11-22T23:00:00.000Z',
      subject: { type: 'service' },
      excerpt: '宽带安装师傅迟到 23',
      classification: null,
      collectiveIncident: null,
      assignment: null,
      sla: { respondBy: '2026-11-23T23:00:00.000Z', resolveBy: null, state: 'on_track' },
      updatedAt: expect.any(String),
    });
    expect(reply.body).not.toContain('complainant');
    expect(reply.body).not.toContain('searchTokens');
  });

  it('filters by status', async () => {
    expect(await listed('admin', 'status=accepted')).toEqual(ids('reading', 'attitude'));
    expect(await listed('admin', 'status=rejected')).toEqual(ids('password'));
    expect(await listed('admin', 'status=withdrawn')).toEqual(ids('billing'));
    expect(await listed('admin', 'status=merged')).toEqual([]);
  });

  it('filters by classification category and severity', async () => {
    expect(await listed('admin', 'category=service_attitude')).toEqual(ids('attitude'));
    expect(await listed('admin', 'severity=minor')).toEqual(ids('reading'));
    expect(await listed('admin', 'category=billing&severity=major')).toEqual([]);
  });

  it('filters by time of receipt, both bounds inclusive, offsets understood', async () => {
    expect(await listed('admin', 'from=2026-11-20T10:00:00%2B08:00&to=2026-11-20T04:00:00Z')).toEqual(
      ids('billing', 'password', 'attitude'),
    );
    expect(await listed('admin', 'to=2026-11-20T01:00:00.000Z')).toEqual(ids('meter'));
    expect((await listed('admin', 'from=2026-11-22T00:00:00Z&limit=100')).length).toBe(FILLERS);
  });

  describe('search with q', () => {
    it('finds Chinese text by words anywhere in it', async () => {
      expect(await listed('admin', `q=${encodeURIComponent('电表')}`)).toEqual(ids('reading', 'meter'));
      expect(await listed('admin', `q=${encodeURIComponent('智能电表')}`)).toEqual(ids('meter'));
      expect(await listed('admin', `q=${encodeURIComponent('电费 翻倍')}`)).toEqual(ids('meter'));
      expect(await listed('admin', `q=${encodeURIComponent('态度恶劣')}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${encodeURIComponent('人民路营业厅')}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${encodeURIComponent('５８元')}`)).toEqual(ids('billing'));
      expect(await listed('admin', `q=${encodeURIComponent('水表')}`)).toEqual([]);
    });

    it('finds English words in any order and case', async () => {
      expect(await listed('admin', 'q=email+password')).toEqual(ids('password'));
      expect(await listed('admin', 'q=OCTOBER')).toEqual(ids('twice'));
      expect(await listed('admin', 'q=october+refund')).toEqual([]);
    });

    it('finds a complaint by its reference, whole or by its number', async () => {
      expect(await listed('admin', `q=${c.attitude!.reference}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${c.attitude!.reference.toLowerCase()}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${c.attitude!.reference.slice(-6)}`)).toEqual(ids('attitude'));
    });

    it('combines with the other filters and the caller scope', async () => {
      expect(await listed('admin', `q=${encodeURIComponent('电表')}&status=accepted`)).toEqual(
        ids('reading'),
      );
      expect(await listed('agent1', `q=${encodeURIComponent('电表')}`)).toEqual(ids('meter'));
      expect(await listed('agent1', 'q=password')).toEqual([]);
    });
  });

  describe('branch scope', () => {
    it('lists only the branches the caller covers, never another tenant', async () => {
      const all = async (as: string) => (await get(as, '/api/v1/complaints?limit=100')).json().items;
      const branchesOf = async (as: string) =>
        [...new Set((await all(as)).map((item: { branchId: string }) => item.branchId))].sort();
      expect(await branchesOf('agent1')).toEqual(['east-1']);
      expect(await branchesOf('supervisor1')).toEqual(['east-1', 'east-2']);
      expect(await branchesOf('admin')).toEqual(['east-1', 'east-2', 'west-1', 'west-2']);
      expect((await all('admin')).map((item: { complaintId: string }) => item.complaintId)).not.toContain(
        c.foreign!.complaintId,
      );
      expect(await all('admin')).toHaveLength(6 + FILLERS);
    });

    it('narrows to a branch or a region inside the scope', async () => {
      expect(await listed('supervisor1', 'branchId=east-2')).toEqual(ids('billing', 'password'));
      expect(await listed('admin', 'branchId=west')).toEqual(ids('twice', 'reading'));
      expect(await listed('agent1', 'branchId=east-1&status=accepted')).toEqual(ids('attitude'));
    });

    it('rejects a branchId outside the scope with 403, and one that does not exist with 400', async () => {
      for (const [as, branchId] of [
        ['agent1', 'east-2'],
        ['agent1', 'east'],
        ['supervisor1', 'west-1'],
        ['supervisor1', 'hq'],
      ] as const) {
        const reply = await get(as, `/api/v1/complaints?branchId=${branchId}`);
        expect(reply.statusCode).toBe(403);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.json().detail).toBe(`branchId ${branchId} is outside your branch scope`);
      }
      expect(await badFields('branchId=north-9')).toEqual(['branchId']);
    });
  });

  it('pages through every complaint once, newest first, in pages of the limit', async () => {
    const seen: Array<{ complaintId: string; receivedAt: string }> = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const reply = await get('admin', `/api/v1/complaints?${query}`);
      expect(reply.statusCode).toBe(200);
      const page = reply.json();
      seen.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    const total = 6 + FILLERS;
    expect(sizes).toEqual([7, 7, 7, 7, 3]);
    expect(new Set(seen.map((item) => item.complaintId)).size).toBe(total);
    const order = seen.map((item) => item.receivedAt);
    expect(order).toEqual([...order].sort().reverse());
    const filtered = await get('admin', '/api/v1/complaints?status=received&branchId=east-1&limit=20');
    const next = await get(
      'admin',
      `/api/v1/complaints?status=received&branchId=east-1&limit=20&cursor=${filtered.json().nextCursor}`,
    );
    expect(next.json()).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(filtered.json().items.length + next.json().items.length).toBe(FILLERS + 1);
  });

  describe('validation', () => {
    it('names each bad parameter', async () => {
      expect(await badFields('foo=1')).toEqual(['foo']);
      expect(await badFields('status=closed')).toEqual(['status']);
      expect(await badFields('severity=huge')).toEqual(['severity']);
      expect(await badFields('category=')).toEqual(['category']);
      expect(await badFields('branchId=a%20b')).toEqual(['branchId']);
      expect(await badFields('from=yesterday')).toEqual(['from']);
      expect(await badFields('to=2026-11-20')).toEqual(['to']);
      for (const limit of ['0', '101', 'abc', '2.5'])
        expect(await badFields(`limit=${limit}`)).toEqual(['limit']);
      expect(await badFields(`q=${'电'.repeat(101)}`)).toEqual(['q']);
      expect(await badFields('status=open&limit=0&foo=1&severity=x')).toEqual(
        expect.arrayContaining(['status', 'limit', 'foo', 'severity']),
      );
    });

    it('names what only makes sense together: from after to, q without words, a foreign cursor', async () => {
      expect(await badFields('from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z')).toEqual(['to']);
      expect(await badFields(`q=${encodeURIComponent('，。！？')}`)).toEqual(['q']);
      expect(await badFields('cursor=not-a-cursor')).toEqual(['cursor']);
      const numeric = Buffer.from(JSON.stringify([1, 'x'])).toString('base64url');
      expect(await badFields(`cursor=${numeric}&q=${encodeURIComponent('!')}`)).toEqual(['q', 'cursor']);
    });

    it('needs a token', async () => {
      const reply = await http.inject({ method: 'GET', url: '/api/v1/complaints' });
      expect(reply.statusCode).toBe(401);
    });
  });
});

describe('GET /api/v1/complaints/{id}', () => {
  /** Appends one more intake event to a complaint's stream, recorded a moment after the last. */
  async function follow(complaintId: string, revision: number, next: Follow): Promise<string> {
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
          causationId: `request-follow-${revision}`,
          actor: { kind: 'user', id: 'user-supervisor1', roles: ['supervisor'] },
        },
      ],
      revision - 1,
    );
    const events = await store.readStream(intakeStream(complaintId));
    return events.at(-1)!.recordedAt;
  }

  it('shows the whole intake record, and as it stood at any instant', async () => {
    const { complaintId } = await seed({
      branchId: 'east-1',
      receivedAt: '2026-11-23T01:00:00.000Z',
      subject: { type: 'facility', name: '无障碍坡道' },
      description: '营业厅门口的无障碍坡道被电动车堵住。',
    });
    await follow(complaintId, 1, {
      type: 'RecordCorrected',
      data: {
        complaintId,
        corrections: { description: '营业厅门口的无障碍坡道被电动车堵住，轮椅进不去。', complainantCount: 2 },
        correctedAt: '2026-11-23T01:01:00.000Z',
      },
    });
    await follow(complaintId, 2, rejected(complaintId));
    const appealedAt = await follow(complaintId, 3, {
      type: 'RejectionAppealed',
      data: { complaintId, grounds: '坡道属于营业厅', appealedAt: '2026-11-23T02:00:00.000Z' },
    });
    await follow(complaintId, 4, {
      type: 'AppealDecided',
      data: {
        complaintId,
        outcome: 'overturned',
        explanation: '属实，予以受理',
        decidedAt: '2026-11-23T03:00:00.000Z',
      },
    });
    await project();

    const now = await get('agent1', `/api/v1/complaints/${complaintId}`);
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({
      complaintId,
      status: 'accepted',
      channelDetails: null,
      description: '营业厅门口的无障碍坡道被电动车堵住，轮椅进不去。',
      complainantCount: 2,
      complainant: { name: '王女士', visibility: 'shown' },
      confirmed: true,
      confirmedAt: '2026-11-23T01:01:00.000Z',
      acceptedAt: '2026-11-23T03:00:00.000Z',
      resolution: null,
      rejection: { reason: 'no_factual_basis', automatic: false },
      appeal: { grounds: '坡道属于营业厅', outcome: 'overturned', decidedAt: '2026-11-23T03:00:00.000Z' },
      withdrawal: null,
      duplicateOf: null,
      duplicates: [],
      repeatOf: null,
      classification: null,
    });
    expect(now.body).not.toContain('searchTokens');
    expect((await get('analyst1', `/api/v1/complaints/${complaintId}`)).json().complainant).toEqual({
      visibility: 'redacted',
    });

    const then = await get(
      'agent1',
      `/api/v1/complaints/${complaintId}?asOf=${encodeURIComponent(appealedAt)}`,
    );
    expect(then.json()).toMatchObject({
      status: 'appealed',
      acceptedAt: null,
      appeal: { grounds: '坡道属于营业厅' },
      confirmed: true,
    });
    expect(then.json().appeal.outcome).toBeUndefined();
    expect(await listed('agent1', `q=${encodeURIComponent('轮椅')}`)).toEqual([complaintId]);
  });
});

describe('collective incidents (群体性投诉) in the views', () => {
  const incidentId = '0c3f6a1e-2b4d-4e8f-9a7b-1d2c3e4f5a6b';
  /** Appends an incident event to its stream as classification records it; answers when it was recorded. */
  async function incident(type: string, data: object, revision: number | 'no_stream'): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { events } = await store.appendToStream(
      `classification-incident-${incidentId}`,
      [
        {
          eventId: uuidv7(),
          type,
          schemaVersion: 1,
          data,
          occurredAt: new Date().toISOString(),
          tenantId: 'demo',
          branchId: 'east-2',
          correlationId: incidentId,
          causationId: `received-${type}`,
          actor: { kind: 'service', id: 'classification' },
        },
      ],
      revision,
    );
    return events[0]!.recordedAt;
  }
  const gas = (i: number) =>
    seed({
      branchId: 'east-2',
      receivedAt: `2026-11-24T01:0${i}:00.000Z`,
      subject: { type: 'product', name: '燃气表' },
      description: `燃气表被停，没有通知 ${i}`,
    });

  it('shows each member its incident as of its joining, lists its complaints, and shows it as it stood', async () => {
    for (const i of [0, 1, 2, 3]) c[`gas${i}`] = await gas(i);
    const [g0, g1, g2, g3] = ids('gas0', 'gas1', 'gas2', 'gas3');
    const detectedAt = await incident(
      'CollectiveIncidentDetected',
      {
        incidentId,
        tenantId: 'demo',
        branchId: 'east-2',
        target: 'branch east-2, category metering, subject "燃气表"',
        complaintIds: [g0, g1, g2],
        complainantCount: 3,
        windowStart: '2026-11-24T01:00:00.000Z',
        detectedAt: '2026-11-24T01:02:30.000Z',
      },
      'no_stream',
    );
    await incident(
      'ComplaintJoinedCollectiveIncident',
      {
        incidentId,
        tenantId: 'demo',
        branchId: 'east-2',
        complaintId: g3,
        receivedAt: '2026-11-24T01:03:00.000Z',
        joiningComplainantCount: 1,
        complaintCount: 4,
        complainantCount: 4,
        joinedAt: '2026-11-24T01:03:30.000Z',
      },
      0,
    );
    await project();

    // the join changes the joining complaint's view only: the members detected show the detection
    for (const id of [g0, g1, g2, g3]) {
      const joined = id === g3;
      expect((await get('supervisor1', `/api/v1/complaints/${id}`)).json().collectiveIncident).toEqual({
        incidentId,
        complaintCount: joined ? 4 : 3,
        complainantCount: joined ? 4 : 3,
        joinedAt: joined ? '2026-11-24T01:03:30.000Z' : '2026-11-24T01:02:30.000Z',
      });
    }
    expect((await get('supervisor1', `/api/v1/complaints/${c.billing!.complaintId}`)).json()).toMatchObject({
      collectiveIncident: null,
    });

    expect(await listed('supervisor1', `incidentId=${incidentId}`)).toEqual([g3, g2, g1, g0]);
    expect(
      await listed('supervisor1', `incidentId=${incidentId}&q=${encodeURIComponent('燃气表')}`),
    ).toHaveLength(4);
    expect(await listed('supervisor1', `incidentId=${incidentId}&branchId=east-1`)).toEqual([]);
    const [summary] = (await get('supervisor1', `/api/v1/complaints?incidentId=${incidentId}&limit=1`)).json()
      .items;
    expect(summary.collectiveIncident).toMatchObject({ incidentId, complaintCount: 4 });

    const asOf = (id: string) =>
      get('supervisor1', `/api/v1/complaints/${id}?asOf=${encodeURIComponent(detectedAt)}`);
    expect((await asOf(g0)).json().collectiveIncident).toMatchObject({ incidentId, complaintCount: 3 });
    expect((await asOf(g3)).json().collectiveIncident).toBeNull();
  });

  it('rejects an incidentId that is not a UUID', async () => {
    expect(await badFields('incidentId=nope')).toEqual(['incidentId']);
  });
});

describe('contracts/openapi.yaml', () => {
  const openapi = parse(readFileSync(join(__dirname, '../../../../contracts/openapi.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'openapi', components: openapi.components });
  const schema = (name: string) => ajv.getSchema(`openapi#/components/schemas/${name}`)!;

  it('describes the list and the view as they are served', async () => {
    const page = schema('ComplaintPage');
    for (const query of ['limit=100', `q=${encodeURIComponent('电表')}`, 'status=accepted']) {
      const body = (await get('admin', `/api/v1/complaints?${query}`)).json();
      expect([query, page(body), page.errors]).toEqual([query, true, null]);
    }
    const complaint = schema('Complaint');
    for (const { complaintId } of Object.values(c).filter((x) => x !== c.foreign)) {
      for (const as of ['admin', 'analyst1']) {
        const body = (await get(as, `/api/v1/complaints/${complaintId}`)).json();
        expect([complaint(body), complaint.errors]).toEqual([true, null]);
      }
    }
  });
});
