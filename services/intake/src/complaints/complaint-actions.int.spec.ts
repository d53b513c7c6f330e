import {
  type ComplainantDetails,
  type ComplaintReceivedData,
  type RecordCorrectedData,
  intakeStream,
} from '@kesu/intake-contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { openPersonalData, verifyChains } from '@kesu/kernel';
import { createApp, EVENT_STORE, KEY_STORE, PlatformModule } from '@kesu/platform';
import type { EventStore, KeyStore } from '@kesu/ports';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { IntakeModule } from '../intake.module';

/*
 * Intake's work actions through HTTP, in process: the intake module on the platform (guard, pipe,
 * problem filter) and the embedded SQLite adapters in a temp folder.
 */

let app: NestFastifyApplication;
let http: FastifyInstance;
let store: EventStore;
let keys: KeyStore;
let dataDir: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kesu-intake-actions-'));
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'intake-test',
        env: {},
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
    const reply = await http.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } });
    tokens[username] = reply.json().accessToken;
  }
});

afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type As = keyof typeof tokens | string;

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
async function register(tenantId = 'demo'): Promise<string> {
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

const act = (as: As, id: string, action: string, payload?: object, headers?: Record<string, string>) =>
  post(as, `/api/v1/complaints/${id}/${action}`, payload, headers);
const streamOf = (id: string) => store.readStream(intakeStream(id));
const typesOf = async (id: string) => (await streamOf(id)).map((e) => e.type);

const REJECTION = { reason: 'not_in_scope', explanation: '该事项属于物业公司，请联系物业服务中心。' };
const GROUNDS = { grounds: '营业厅由贵公司经营，不是物业。' };

/** Puts a new complaint into a state by performing the actions that lead there. */
async function complaintThat(...steps: Array<[As, string, object?]>): Promise<string> {
  const id = await register();
  for (const [as, action, payload] of steps)
    expect((await act(as, id, action, payload)).statusCode).toBe(202);
  return id;
}

describe('the happy paths', () => {
  it('confirms the record read back as it stands', async () => {
    const id = await register();
    const reply = await act('agent1', id, 'confirmations');
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId: id, status: 'received', revision: 1 });
    expect(await typesOf(id)).toEqual(['ComplaintReceived', 'RecordConfirmed']);
    const again = await act('agent1', id, 'confirmations', {});
    expect(again.json()).toEqual({ complaintId: id, status: 'received', revision: 1 });
    expect(await typesOf(id)).toEqual(['ComplaintReceived', 'RecordConfirmed']);
  });

  it('records corrections, sealing corrected complainant details like registration', async () => {
    const id = await register();
    const complainant = { name: '王女士', phone: '13800000001', customerId: `C-FIX-${Date.now()}` };
    const reply = await act('agent1', id, 'confirmations', {
      corrections: { complainant, description: '营业员态度恶劣，排队三个小时。', emotion: 'calm' },
    });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId: id, status: 'received', revision: 1 });
    const corrected = (await streamOf(id))[1]!;
    expect(corrected.type).toBe('RecordCorrected');
    const data = corrected.data as RecordCorrectedData;
    expect(data.corrections).toMatchObject({
      description: '营业员态度恶劣，排队三个小时。',
      emotion: 'calm',
    });
    expect(JSON.stringify(data)).not.toContain('王女士');
    const sealed = data.corrections.complainant!;
    expect(sealed.subjectId).toBe(`customer-${complainant.customerId}`);
    const key = await keys.get('demo', sealed.subjectId);
    expect(openPersonalData<ComplainantDetails>(key!, sealed.subjectId, sealed.sealed)).toEqual(complainant);
  });

  it('accepts, with a note', async () => {
    const id = await register();
    const reply = await act('handler1', id, 'accept', { note: '转营业部处理。' });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId: id, status: 'accepted', revision: 1 });
    expect((await streamOf(id))[1]).toMatchObject({
      type: 'ComplaintAccepted',
      data: { complaintId: id, note: '转营业部处理。' },
      actor: { kind: 'user', id: 'user-handler1', roles: ['handler'] },
      tenantId: 'demo',
      branchId: 'east-1',
      correlationId: id,
    });
    expect((await act('handler1', await register(), 'accept')).json()).toMatchObject({ status: 'accepted' });
  });

  it('rejects, storing the explanation sent to the customer and answering it as the message', async () => {
    const id = await register();
    const reply = await act('handler1', id, 'reject', REJECTION);
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({
      complaintId: id,
      status: 'rejected',
      revision: 1,
      message: REJECTION.explanation,
    });
    expect((await streamOf(id))[1]!.data).toMatchObject({
      ...REJECTION,
      automatic: false,
      rejectedBy: 'user-handler1',
    });
  });

  it('takes an appeal and its decision: overturned accepts, upheld makes the rejection final', async () => {
    const id = await complaintThat(['handler1', 'reject', REJECTION]);
    const appealed = await act('agent1', id, 'appeals', GROUNDS);
    expect(appealed.statusCode).toBe(202);
    expect(appealed.json()).toEqual({ complaintId: id, status: 'appealed', revision: 2 });
    const decision = { outcome: 'overturned', explanation: '经复核，该营业厅属本公司，予以受理。' };
    const decided = await act('supervisor1', id, 'appeals/decision', decision);
    expect(decided.statusCode).toBe(202);
    expect(decided.json()).toEqual({
      complaintId: id,
      status: 'accepted',
      revision: 3,
      message: decision.explanation,
    });
    expect((await streamOf(id))[3]!.data).toMatchObject({ ...decision, decidedBy: 'user-supervisor1' });

    const other = await complaintThat(['handler1', 'reject', REJECTION], ['agent1', 'appeals', GROUNDS]);
    const upheld = await act('supervisor1', other, 'appeals/decision', {
      outcome: 'upheld',
      explanation: '维持原决定。',
    });
    expect(upheld.json()).toMatchObject({ status: 'rejected', revision: 3, message: '维持原决定。' });
  });

  it('withdraws', async () => {
    const id = await complaintThat(['handler1', 'accept']);
    const reply = await act('agent1', id, 'withdraw', { reason: '客户表示问题已自行解决。' });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId: id, status: 'withdrawn', revision: 2 });
  });
});

describe('transitions the lifecycle forbids (409)', () => {
  it.each([
    ['accept', 'an accepted complaint', [['handler1', 'accept']], 'accept', {}],
    ['reject', 'an accepted complaint', [['handler1', 'accept']], 'reject', REJECTION],
    ['appeal', 'a complaint not rejected', [], 'appeals', GROUNDS],
    [
      'decide',
      'an appeal never made',
      [['handler1', 'reject', REJECTION]],
      'appeals/decision',
      {
        outcome: 'upheld',
        explanation: '维持。',
      },
    ],
    [
      'withdraw',
      'a withdrawn complaint',
      [['agent1', 'withdraw', { reason: '不投诉了。' }]],
      'withdraw',
      {
        reason: '再撤一次。',
      },
    ],
    [
      'confirm',
      'a withdrawn complaint',
      [['agent1', 'withdraw', { reason: '不投诉了。' }]],
      'confirmations',
      {},
    ],
  ] as Array<[string, string, Array<[As, string, object?]>, string, object]>)(
    'refuses to %s %s',
    async (_verb, _what, steps, action, payload) => {
      const id = await complaintThat(...steps);
      const before = await streamOf(id);
      const reply = await act('supervisor1', id, action, payload);
      expect(reply.statusCode).toBe(409);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.json()).toMatchObject({
        type: 'urn:kesu:problem:domain-rule-violation',
        status: 409,
        code: 'complaint.transition_forbidden',
        detail: expect.stringMatching(/^complaint KS-\d{8}-\d{6} is \w+; it can be/),
      });
      expect(await streamOf(id)).toEqual(before);
    },
  );

  it('allows one appeal only', async () => {
    const id = await complaintThat(
      ['handler1', 'reject', REJECTION],
      ['agent1', 'appeals', GROUNDS],
      ['supervisor1', 'appeals/decision', { outcome: 'upheld', explanation: '维持原决定。' }],
    );
    const again = await act('agent1', id, 'appeals', GROUNDS);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('complaint.already_appealed');
  });

  it('lets one of two parallel decisions win; the other is refused', async () => {
    const id = await register();
    const replies = await Promise.all([
      act('handler1', id, 'accept'),
      act('supervisor1', id, 'reject', REJECTION),
      act('supervisor1', id, 'accept'),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([202, 409, 409]);
    expect(await typesOf(id)).toHaveLength(2);
  });
});

describe('four-eyes principle: the appeal is decided by someone other than who rejected', () => {
  it('refuses the decision of the person who rejected (409), whatever their role; a supervisor decides', async () => {
    const id = await complaintThat(['admin', 'reject', REJECTION], ['agent1', 'appeals', GROUNDS]);
    const before = await streamOf(id);
    for (const outcome of ['overturned', 'upheld']) {
      const reply = await act('admin', id, 'appeals/decision', {
        outcome,
        explanation: '经复核，予以受理。',
      });
      expect(reply.statusCode).toBe(409);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.json()).toMatchObject({
        type: 'urn:kesu:problem:domain-rule-violation',
        status: 409,
        code: 'appeal.same_person',
        detail: expect.stringMatching(
          /^the appeal against the rejection of complaint KS-\d{8}-\d{6} must be decided by someone other than the person who rejected it/,
        ),
      });
    }
    expect(await streamOf(id)).toEqual(before);

    const decided = await act('supervisor1', id, 'appeals/decision', {
      outcome: 'overturned',
      explanation: '经复核，予以受理。',
    });
    expect(decided.statusCode).toBe(202);
    expect(decided.json()).toMatchObject({ status: 'accepted', revision: 3 });
    const [, rejection, , decision] = await streamOf(id);
    expect(rejection).toMatchObject({ data: { rejectedBy: 'user-admin' }, actor: { id: 'user-admin' } });
    expect(decision).toMatchObject({
      data: { outcome: 'overturned', decidedBy: 'user-supervisor1' },
      actor: { id: 'user-supervisor1' },
    });
  });
});

describe('authority and scope', () => {
  it('refuses a role without the authority (403) and stores nothing', async () => {
    const id = await complaintThat(['handler1', 'reject', REJECTION], ['agent1', 'appeals', GROUNDS]);
    const before = await streamOf(id);
    for (const [as, action, payload] of [
      ['agent1', 'accept', {}],
      ['agent1', 'reject', REJECTION],
      ['handler1', 'appeals/decision', { outcome: 'overturned', explanation: '受理。' }],
      ['analyst1', 'confirmations', {}],
      ['analyst1', 'withdraw', { reason: '撤回。' }],
    ] as const) {
      const reply = await act(as, id, action, payload);
      expect({ as, action, status: reply.statusCode }).toEqual({ as, action, status: 403 });
    }
    expect(await streamOf(id)).toEqual(before);
  });

  it('answers 404 for an unknown complaint, one outside the caller’s branches, and one of another tenant', async () => {
    const id = await register();
    expect((await act('agent1', uuidv7(), 'confirmations')).statusCode).toBe(404);
    const outside = await act('agent2', id, 'confirmations');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe(`complaint ${id} not found`);

    const foreign = await register('other');
    expect((await act('supervisor1', foreign, 'accept')).statusCode).toBe(404);
    expect(await typesOf(foreign)).toEqual(['ComplaintReceived']);
  });
});

describe('invalid input (400), nothing stored', () => {
  it.each([
    ['empty corrections', 'confirmations', { corrections: {} }, ['corrections']],
    [
      'a correction to null',
      'confirmations',
      { corrections: { description: null, emotion: 'calm' } },
      ['corrections.description'],
    ],
    [
      'corrections breaking registration’s rules',
      'confirmations',
      {
        corrections: {
          complainant: { phone: 'abc' },
          subject: { type: 'weather' },
          description: '',
          occurredAt: '2026-11-20',
          emotion: 'furious',
          complainantCount: 0,
        },
        extra: 1,
      },
      [
        'extra',
        'corrections.complainant.name',
        'corrections.complainant.phone',
        'corrections.subject.type',
        'corrections.description',
        'corrections.occurredAt',
        'corrections.emotion',
        'corrections.complainantCount',
      ],
    ],
    [
      'a corrected incident in the future',
      'confirmations',
      { corrections: { occurredAt: '2999-01-01T00:00:00+08:00' } },
      ['corrections.occurredAt'],
    ],
    [
      'a long note and an unknown field',
      'accept',
      { note: 'x'.repeat(2001), status: 'accepted' },
      ['note', 'status'],
    ],
    [
      'a withdrawal as a rejection, explained blank',
      'reject',
      { reason: 'withdrawn', explanation: ' ' },
      ['reason', 'explanation'],
    ],
    ['no reason, a long explanation', 'reject', { explanation: 'x'.repeat(2001) }, ['reason', 'explanation']],
    ['empty grounds', 'appeals', { grounds: '' }, ['grounds']],
    [
      'an unknown outcome, no explanation',
      'appeals/decision',
      { outcome: 'maybe' },
      ['outcome', 'explanation'],
    ],
    ['no reason', 'withdraw', {}, ['reason']],
  ] as Array<[string, string, object, string[]]>)('%s (%s)', async (_label, action, payload, fields) => {
    const id = await register();
    const before = await streamOf(id);
    const reply = await act('supervisor1', id, action, payload);
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      reply
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual([...fields].sort());
    expect(await streamOf(id)).toEqual(before);
  });

  it('refuses a malformed complaint id and a malformed Idempotency-Key', async () => {
    expect((await act('supervisor1', 'abc', 'accept')).statusCode).toBe(400);
    const id = await register();
    const reply = await act('supervisor1', id, 'accept', {}, { 'idempotency-key': 'x'.repeat(201) });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await typesOf(id)).toEqual(['ComplaintReceived']);
  });
});

describe('idempotency and history', () => {
  it('replays the first result for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const id = await register();
    const headers = { 'idempotency-key': `reject-${id}` };
    const first = await act('handler1', id, 'reject', REJECTION, headers);
    const again = await act('handler1', id, 'reject', REJECTION, headers);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await act('agent1', id, 'appeals', GROUNDS);
    const later = await act('handler1', id, 'reject', REJECTION, headers);
    expect(later.json()).toEqual({
      complaintId: id,
      status: 'rejected',
      revision: 1,
      message: REJECTION.explanation,
    });
    const otherBody = await act('handler1', id, 'reject', { ...REJECTION, reason: 'duplicate' }, headers);
    expect(otherBody.statusCode).toBe(422);
    expect(await typesOf(id)).toEqual(['ComplaintReceived', 'ComplaintRejected', 'RejectionAppealed']);
  });

  it('keeps every action in the complaint’s history, with verifiable hash chains', async () => {
    const id = await complaintThat(
      ['agent1', 'confirmations', { corrections: { location: '人民路营业厅 3 号窗口' } }],
      ['handler1', 'reject', REJECTION],
      ['agent1', 'appeals', GROUNDS],
      ['supervisor1', 'appeals/decision', { outcome: 'overturned', explanation: '予以受理。' }],
      ['agent1', 'withdraw', { reason: '客户撤回。' }],
    );
    const history = await store.readByCorrelationId(id);
    expect(history.map((e) => [e.type, e.revision])).toEqual([
      ['ComplaintReceived', 0],
      ['RecordCorrected', 1],
      ['ComplaintRejected', 2],
      ['RejectionAppealed', 3],
      ['AppealDecided', 4],
      ['ComplaintWithdrawn', 5],
    ]);
    expect(verifyChains(history)).toEqual({ valid: true, eventsChecked: 6 });
  });
});
