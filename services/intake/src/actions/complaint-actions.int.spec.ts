/*
 * Intake's work actions through HTTP, in process: what each does, the transitions the lifecycle
 * forbids, and the four-eyes principle of appeals.
 */
import { type ComplainantDetails, type RecordCorrectedData } from '@kesu/intake-contracts';
import { openPersonalData } from '@kesu/kernel';
import {
  act,
  type As,
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
    expect(sealed.subjectId).toMatch(/^subject-/);
    const key = await stores().keys.get('demo', sealed.subjectId);
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
