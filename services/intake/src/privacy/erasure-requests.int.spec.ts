import { type PrivacyTestApp, startPrivacyApp, unkeyedDigestOf } from './privacy.test-support';

/*
 * Erasure of a data subject's personal data through HTTP: an administrator names the person, every
 * complaint of theirs is found through the keyed identity index, their data keys are destroyed,
 * the entries derived from their identifiers removed, and both steps recorded without the
 * identifiers.
 */

let intake: PrivacyTestApp;

beforeAll(async () => {
  intake = await startPrivacyApp(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

const REASON = '客户来电要求删除其个人信息（《个人信息保护法》第四十七条）';
let people = 0;
/** A person nobody else in these specs is: a phone, an e-mail address and a customer id of their own. */
const newPerson = () => {
  const n = String(++people).padStart(4, '0');
  return { phone: `1391234${n}`, email: `zhao${n}@example.cn`, customerId: `C-9${n}` };
};

describe('an erasure request', () => {
  it('finds every complaint of the person, destroys their keys and removes their index entries', async () => {
    const { phone, email, customerId } = newPerson();
    const byPhone = await intake.complaintOf({ name: '赵女士', phone }, 0);
    const withCustomerId = await intake.complaintOf({ name: '赵女士', phone, customerId }, 1);
    // No phone in common with the first: found through the customer id the second one gave.
    const byCustomerId = await intake.complaintOf({ name: '赵女士', customerId, email }, 2);
    const neighbour = await intake.complaintOf({ name: '钱先生', phone: newPerson().phone }, 0);
    const ids = [byPhone, withCustomerId, byCustomerId].sort();
    const subjects = [...new Set((await Promise.all(ids.map(intake.subjectIdsOf))).flat())];
    expect(subjects).toHaveLength(2);

    const reply = await intake.erase({ phone: ` ${phone.slice(0, 3)} ${phone.slice(3)} `, reason: REASON });

    expect(reply.statusCode).toBe(202);
    expect(reply.headers['cache-control']).toBe('no-store');
    const result = reply.json();
    expect(result).toEqual({
      requestId: expect.any(String),
      status: 'erased',
      basis: 'request',
      complaints: ids.map((complaintId) => ({ complaintId, reference: expect.stringMatching(/^KS-/) })),
      unknownComplaintIds: [],
      dataKeys: 2,
      identityIndexEntriesRemoved: 5,
      requestedAt: '2026-11-23T02:00:00.000Z',
      erasedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(reply.headers.location).toBe(`/api/v1/privacy/erasure-requests/${result.requestId}`);
    for (const subjectId of subjects) expect(await intake.keys.get('demo', subjectId)).toBeNull();
    for (const id of ids) expect(await intake.indexEntriesOf(id)).toEqual([]);
    const [neighbourSubject] = await intake.subjectIdsOf(neighbour);
    expect(await intake.keys.get('demo', neighbourSubject!)).not.toBeNull();
    expect(await intake.indexEntriesOf(neighbour)).toHaveLength(1);

    const events = await intake.erasureEvents(result.requestId);
    expect(events.map((e) => [e.type, e.streamId, e.actor.id])).toEqual([
      ['DataSubjectErasureRequested', `intake-erasure-${result.requestId}`, 'user-admin'],
      ['DataSubjectErased', `intake-erasure-${result.requestId}`, 'intake'],
    ]);
    expect(events[0]!.data).toEqual({
      requestId: result.requestId,
      basis: 'request',
      reason: REASON,
      requestedBy: 'user-admin',
      identifiedBy: ['phone'],
      complaintIds: ids,
      requestedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(events[1]!.causationId).toBe(events[0]!.eventId);
    const recorded = JSON.stringify(events);
    for (const identifier of [phone, email, customerId, ...subjects])
      expect(recorded).not.toContain(identifier);
  });

  it('takes complaint ids, and says which name no complaint the caller may see', async () => {
    const { phone } = newPerson();
    const complaint = await intake.complaintOf({ name: '孙先生', phone }, 3);
    const unknown = '0190a0a0-0000-7000-8000-000000000001';
    const reply = await intake.erase({ complaintIds: [complaint, unknown], reason: REASON });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toMatchObject({
      complaints: [{ complaintId: complaint }],
      unknownComplaintIds: [unknown],
      dataKeys: 1,
      identityIndexEntriesRemoved: 1,
    });
    const [subject] = await intake.subjectIdsOf(complaint);
    expect(await intake.keys.get('demo', subject!)).toBeNull();
  });

  it('is answered again for a repeated Idempotency-Key, and the same person again changes nothing', async () => {
    const { phone } = newPerson();
    const complaint = await intake.complaintOf({ name: '周女士', phone }, 4);
    const headers = { 'idempotency-key': `erase-${phone}` };
    const first = await intake.erase({ phone, reason: REASON }, { headers });
    const again = await intake.erase({ phone, reason: REASON }, { headers });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await intake.erasureEvents(first.json().requestId)).toHaveLength(2);
    expect((await intake.erase({ phone, reason: '换个理由' }, { headers })).statusCode).toBe(422);

    const byPhone = await intake.erase({ phone, reason: REASON });
    expect(byPhone.json()).toMatchObject({ status: 'erased', complaints: [], dataKeys: 0 });
    const byId = await intake.erase({ complaintIds: [complaint], reason: REASON });
    expect(byId.json()).toMatchObject({
      complaints: [{ complaintId: complaint }],
      identityIndexEntriesRemoved: 0,
    });
  });

  it('records no digest of the person’s identifiers that trying phone numbers could match', async () => {
    const { phone } = newPerson();
    await intake.complaintOf({ name: '钱先生', phone }, 2);
    const headers = { 'idempotency-key': `erase-digest-${phone}` };
    const { requestId } = (await intake.erase({ phone, reason: REASON }, { headers })).json();
    const events = await intake.erasureEvents(requestId);
    expect(events.map((e) => e.causationId.startsWith('idempotency-'))).toEqual([true, false]);
    const unkeyed = unkeyedDigestOf('RequestErasure', { phone, reason: REASON });
    expect(JSON.stringify(events)).not.toContain(unkeyed);
    expect(JSON.stringify(events)).not.toContain(phone);
  });

  it('lets the person complain again, unlinked from the erased complaints, under a new data key', async () => {
    const { phone } = newPerson();
    const erased = await intake.complaintOf({ name: '吴先生', phone }, 0);
    await intake.erase({ phone, reason: REASON });
    const reply = await intake.register({
      channel: 'hotline',
      branchId: 'east-1',
      complainant: { name: '吴先生', phone },
      subject: { type: 'service', name: '宽带维修' },
      description: '约好上门维修宽带，师傅没来也没通知。',
    });
    expect(reply.statusCode).toBe(201);
    const again = reply.json();
    expect(again.status).toBe('received');
    expect(again.duplicateOf).toBeUndefined();
    expect(again.repeatOf).toBeUndefined();
    const [before] = await intake.subjectIdsOf(erased);
    const [after] = await intake.subjectIdsOf(again.complaintId);
    expect(after).toBe(`${before}.2`);
    expect(await intake.keys.get('demo', after!)).not.toBeNull();
    expect(await intake.indexEntriesOf(again.complaintId)).toHaveLength(1);
  });
});

describe('who may request an erasure', () => {
  it.each(['agent1', 'supervisor1', 'director1', 'analyst1', 'regulator1'])('not %s: 403', async (as) => {
    const { phone } = newPerson();
    const complaint = await intake.complaintOf({ name: '郑女士', phone }, 1);
    expect((await intake.erase({ phone, reason: REASON }, { as })).statusCode).toBe(403);
    expect(await intake.indexEntriesOf(complaint)).toHaveLength(1);
  });

  it('never another tenant’s administrator: nobody is found, nothing erased', async () => {
    const { phone } = newPerson();
    const complaint = await intake.complaintOf({ name: '王女士', phone }, 2);
    const reply = await intake.asOtherTenant('POST', '/api/v1/privacy/erasure-requests', {
      phone,
      complaintIds: [complaint],
      reason: REASON,
    });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toMatchObject({ complaints: [], unknownComplaintIds: [complaint], dataKeys: 0 });
    const [subject] = await intake.subjectIdsOf(complaint);
    expect(await intake.keys.get('demo', subject!)).not.toBeNull();
    const status = await intake.asOtherTenant(
      'GET',
      `/api/v1/privacy/erasure-requests/${reply.json().requestId}`,
    );
    expect(status.statusCode).toBe(200);
    const ours = await intake.erase({ complaintIds: [complaint], reason: REASON });
    const theirs = await intake.asOtherTenant(
      'GET',
      `/api/v1/privacy/erasure-requests/${ours.json().requestId}`,
    );
    expect(theirs.statusCode).toBe(404);
  });

  it('needs a token', async () => {
    const reply = await intake.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', url: '/api/v1/privacy/erasure-requests', payload: { phone: '13912340000' } });
    expect(reply.statusCode).toBe(401);
  });
});

describe('a malformed erasure request', () => {
  it.each([
    ['nobody named', { reason: REASON }, ['phone', 'email', 'customerId', 'complaintIds']],
    ['no reason', { phone: '13912349999' }, ['reason']],
    ['a reason made only of a NUL', { phone: '13912349999', reason: '\u0000' }, ['reason']],
    ['a phone that is none', { phone: '12345', reason: REASON }, ['phone']],
    ['a complaint id that is none', { complaintIds: ['abc'], reason: REASON }, ['complaintIds']],
    ['an unknown field', { name: '赵女士', phone: '13912349999', reason: REASON }, ['name']],
  ])('400 for %s, naming the fields', async (_case, body, fields) => {
    const reply = await intake.erase(body);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
  });
});

describe('the status of an erasure request', () => {
  it('is answered to administrators, as recorded', async () => {
    const { phone } = newPerson();
    await intake.complaintOf({ name: '冯先生', phone }, 3);
    const {
      requestId,
      unknownComplaintIds: _unknown,
      ...status
    } = (await intake.erase({ phone, reason: REASON })).json();
    const reply = await intake.request('GET', 'admin', `/api/v1/privacy/erasure-requests/${requestId}`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ requestId, ...status });
    expect(
      (await intake.request('GET', 'agent1', `/api/v1/privacy/erasure-requests/${requestId}`)).statusCode,
    ).toBe(403);
  });
});
