import { followUpStream } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { type EscalationTestApp, startEscalationApp } from '../escalation-app.test-support';
import { tokenUser } from '../escalation-staff.test-support';
import { escalationControllers, escalationProviders } from './index';

const head = tokenUser('demo', 'user-head-east1', ['handler'], ['east-1']);
const outsider = tokenUser('other', 'user-other-director', ['director'], ['o-hq']);
const REASON = { reason: '客户多次来电，情绪激动，需上级协调' };

describe('escalating a complaint by hand, and handing it back (HTTP)', () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startEscalationApp({ controllers: escalationControllers, providers: escalationProviders });
  });
  afterAll(() => t.close());

  /** A complaint of east-1 whose category the customer-service department there owns. */
  const complaint = async (branchId = 'east-1') => {
    const { complaintId } = await t.receive({ branchId });
    await t.classify(complaintId, { departmentId: 'east-1-cs' });
    return complaintId;
  };
  const escalate = (id: string, as: Parameters<EscalationTestApp['request']>[0] = 'handler1', headers = {}) =>
    t.request(as, 'POST', `/api/v1/complaints/${id}/escalate`, REASON, headers);
  const handBack = (
    id: string,
    as: Parameters<EscalationTestApp['request']>[0],
    note = '方案已定，交回跟进',
  ) => t.request(as, 'POST', `/api/v1/complaints/${id}/escalation/hand-back`, { note });

  it('goes up one level at a time — department head, branch manager, region, general manager — and no further', async () => {
    const id = await complaint();
    const holders: Array<[string, string]> = [];
    for (let i = 0; i < 4; i++) {
      const reply = await escalate(id);
      expect(reply.statusCode).toBe(202);
      const { status, revision, escalation } = reply.json();
      expect({ status, revision }).toEqual({ status: 'escalated', revision: 2 * i + 1 });
      holders.push([escalation.level, escalation.holderId]);
    }
    expect(holders).toEqual([
      ['department', 'user-head-east1'],
      ['branch', 'user-manager1'],
      ['region', 'user-supervisor1'],
      ['headquarters', 'user-director1'],
    ]);
    const top = await escalate(id);
    expect(top.statusCode).toBe(409);
    expect(top.json().code).toBe('escalation.at_top');
  });

  it('records who escalated, why, and the notification, on a stream the complaint’s history reads', async () => {
    const id = await complaint();
    await escalate(id);
    const [escalated, notified] = await t.escalation(id);
    expect(escalated).toMatchObject({
      type: 'ComplaintEscalated',
      correlationId: id,
      tenantId: 'demo',
      branchId: 'east-1',
      actor: { kind: 'user', id: 'user-handler1' },
      data: { level: 'department', holderId: 'user-head-east1', mode: 'manual', reason: REASON.reason },
    });
    expect(notified).toMatchObject({
      type: 'EscalationNotificationRequested',
      correlationId: id,
      data: { recipientId: 'user-head-east1', language: 'zh', about: 'escalated' },
    });
    expect(notified!.data).toMatchObject({ text: { zh: expect.stringContaining('部门负责人（孙丽）') } });
  });

  it('passes over levels nobody holds: a Chengdu complaint without a department goes to the general manager', async () => {
    const { complaintId } = await t.receive({ branchId: 'west-1' });
    const reply = await escalate(complaintId, 'agent2');
    expect(reply.json().escalation).toMatchObject({ level: 'headquarters', holderId: 'user-director1' });
    const [escalated] = await t.escalation(complaintId);
    expect(escalated!.data).toMatchObject({ skipped: ['department', 'branch', 'region'] });
  });

  it('is handed back down by the holder only, one level at a time, until its handler has it again', async () => {
    const id = await complaint();
    await escalate(id);
    await escalate(id);
    const notYours = await handBack(id, head);
    expect(notYours.statusCode).toBe(409);
    expect(notYours.json().code).toBe('escalation.not_holder');
    const back = await handBack(id, 'manager1');
    expect(back.statusCode).toBe(202);
    expect(back.json()).toMatchObject({
      status: 'escalated',
      escalation: { level: 'department', holderId: 'user-head-east1' },
    });
    const [, , , , handedBack, told] = await t.escalation(id);
    expect(handedBack).toMatchObject({ type: 'EscalationHandedBack', data: { note: '方案已定，交回跟进' } });
    expect(told).toMatchObject({ data: { recipientId: 'user-head-east1', about: 'handed_back' } });
    const down = await handBack(id, head);
    expect(down.json()).toMatchObject({ status: 'not_escalated', escalation: null });
    const nothing = await handBack(id, head);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().code).toBe('escalation.not_escalated');
  });

  it('shows where it stands: level, holder, since, and the levels it went through', async () => {
    const id = await complaint();
    const before = await t.request('analyst1', 'GET', `/api/v1/complaints/${id}/escalation`);
    expect(before.json()).toMatchObject({ status: 'not_escalated', revision: -1, levels: [] });
    await escalate(id);
    await escalate(id);
    const reply = await t.request('regulator1', 'GET', `/api/v1/complaints/${id}/escalation`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"3"');
    expect(reply.json()).toMatchObject({
      status: 'escalated',
      escalation: { level: 'branch', holderId: 'user-manager1', since: expect.any(String) },
      levels: [{ level: 'department' }, { level: 'branch' }],
    });
  });

  it('refuses a complaint whose matter ended (409)', async () => {
    const id = await complaint();
    await t.record(intakeStream(id), id, 'ComplaintWithdrawn', {
      reason: '已协商解决',
      withdrawnAt: new Date().toISOString(),
    });
    expect((await escalate(id)).json().code).toBe('escalation.complaint_ended');
    const closed = await complaint();
    await t.record(followUpStream(closed), closed, 'ComplaintClosed', {
      closedBy: 'user-handler1',
      closedAt: new Date().toISOString(),
      outcome: 'resolved',
      finalCategory: 'billing',
    });
    expect((await escalate(closed)).statusCode).toBe(409);
  });

  it('is beyond the roles of analysts and regulators (403)', async () => {
    const id = await complaint();
    for (const as of ['analyst1', 'regulator1']) {
      expect((await escalate(id, as)).statusCode).toBe(403);
      expect((await handBack(id, as)).statusCode).toBe(403);
    }
  });

  it('is not found outside the caller’s scope, in another tenant, or unknown (404)', async () => {
    const id = await complaint();
    for (const [as, target] of [
      ['agent2', id],
      [outsider, id],
      ['handler1', '0196f000-0000-7000-8000-000000000000'],
    ] as const) {
      const reply = await escalate(target, as);
      expect(reply.statusCode).toBe(404);
      expect(reply.json().code).toBe('complaint.not_found');
    }
    expect((await t.request('agent2', 'GET', `/api/v1/complaints/${id}/escalation`)).statusCode).toBe(404);
    expect(await t.escalation(id)).toEqual([]);
  });

  it('names the bad field (400)', async () => {
    const id = await complaint();
    const noReason = await t.request('handler1', 'POST', `/api/v1/complaints/${id}/escalate`, {
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    await escalate(id);
    const noNote = await handBack(id, head, '');
    expect(noNote.json().errors).toEqual([expect.objectContaining({ field: 'note' })]);
    const extra = await t.request('handler1', 'POST', `/api/v1/complaints/${id}/escalate`, {
      ...REASON,
      level: 'hq',
    });
    expect(extra.statusCode).toBe(400);
    expect((await escalate('not-a-uuid')).statusCode).toBe(400);
  });

  it('answers 412 for a stale If-Match, and escalates at the revision it names', async () => {
    const id = await complaint();
    expect((await escalate(id, 'handler1', { 'if-match': '0' })).statusCode).toBe(412);
    await escalate(id);
    const stale = await escalate(id, 'handler1', { 'if-match': '0' });
    expect(stale.statusCode).toBe(412);
    const current = await escalate(id, 'handler1', { 'if-match': '"1"' });
    expect(current.statusCode).toBe(202);
    expect(current.json().escalation.level).toBe('branch');
  });

  it('answers a retried request as it was, without escalating twice', async () => {
    const id = await complaint();
    const key = { 'idempotency-key': `esc-${id}` };
    const first = await escalate(id, 'handler1', key);
    const again = await escalate(id, 'handler1', key);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await t.escalation(id)).filter((e) => e.type === 'ComplaintEscalated')).toHaveLength(1);
    const reused = await t.request(
      'handler1',
      'POST',
      `/api/v1/complaints/${id}/escalate`,
      { reason: 'other' },
      key,
    );
    expect(reused.statusCode).toBe(422);
  });
});
