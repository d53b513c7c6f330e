/*
 * Intake's work actions through HTTP, in process: authority and scope, invalid input, stale
 * revisions (If-Match), idempotency and the history.
 */
import { verifyChains } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import {
  act,
  complaintThat,
  GROUNDS,
  register,
  REJECTION,
  stores,
  streamOf,
  typesOf,
  useActionsApp,
} from './complaint-actions.test-support';
useActionsApp();

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

describe('stale revisions (If-Match)', () => {
  it('acts at the revision the caller decided on, and refuses a stale one with 412, storing nothing', async () => {
    const id = await register();
    const accepted = await act('handler1', id, 'accept', {}, { 'if-match': '0' });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toMatchObject({ status: 'accepted', revision: 1 });

    const stale = await act('agent1', id, 'withdraw', { reason: '客户撤回。' }, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({
      status: 412,
      type: 'urn:kesu:problem:stale-revision',
      currentRevision: 1,
    });
    const current = await act('agent1', id, 'withdraw', { reason: '客户撤回。' }, { 'if-match': 'W/"1"' });
    expect(current.json()).toMatchObject({ status: 'withdrawn', revision: 2 });
    expect(await typesOf(id)).toEqual(['ComplaintReceived', 'ComplaintAccepted', 'ComplaintWithdrawn']);
  });

  it('answers a stale If-Match with 412 before the lifecycle is consulted, and a malformed one with 400', async () => {
    const id = await complaintThat(['handler1', 'accept', {}]);
    expect((await act('handler1', id, 'accept', {}, { 'if-match': '0' })).statusCode).toBe(412);
    const malformed = await act('handler1', id, 'reject', REJECTION, { 'if-match': 'latest' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    expect(await typesOf(id)).toEqual(['ComplaintReceived', 'ComplaintAccepted']);
  });

  it('lets one of two editors who saw the same revision win; the other gets 412', async () => {
    const id = await register();
    const replies = await Promise.all([
      act('handler1', id, 'accept', { note: 'A' }, { 'if-match': '0' }),
      act('supervisor1', id, 'reject', REJECTION, { 'if-match': '0' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([202, 412]);
    expect(await typesOf(id)).toHaveLength(2);
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
    const history = await stores().store.readByCorrelationId(id);
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
