import { verifyChains } from '@kesu/kernel';
import { HostProcess } from './host-process';

/** How many events intake's stream of the complaint holds. */
const eventCount = (host: HostProcess, complaintId: string) =>
  host.sql(
    (db) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?')
          .get(`intake-complaint-${complaintId}`) as { n: number }
      ).n,
  );

describe('intake’s work on a complaint, from the read-back to the appeal, through the host', () => {
  let host: HostProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    host = await HostProcess.start();
    for (const user of ['agent1', 'agent2', 'handler1', 'supervisor1']) tokens[user] = await host.token(user);
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  const act = (user: string, id: string, action: string, body?: unknown, headers?: Record<string, string>) =>
    host.request('POST', `/api/v1/complaints/${id}/${action}`, { token: tokens[user], body, headers });

  it('corrects, rejects, appeals and overturns, keeping a verifiable history', async () => {
    const created = await host.request('POST', '/api/v1/complaints', {
      token: tokens.agent1,
      body: {
        channel: 'hotline',
        branchId: 'east-1',
        complainant: { name: '赵先生', customerId: `C-E2E-${Date.now()}` },
        subject: { type: 'product', name: '宽带套餐' },
        description: '宽带自十一月起每晚断线，报修三次无人上门。',
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.complaintId;
    const registered = eventCount(host, id);

    const corrected = await act('agent1', id, 'confirmations', {
      corrections: {
        complainant: { name: '赵先生', phone: '13900000000', customerId: `C-E2E-${id}` },
        expectedRemedy: '尽快上门维修并减免当月费用',
      },
    });
    expect(corrected.status).toBe(202);
    expect(corrected.body).toEqual({ complaintId: id, status: 'received', revision: registered });

    const badBody = await act('handler1', id, 'reject', { reason: 'withdrawn', explanation: '', extra: 1 });
    expect(badBody.status).toBe(400);
    expect(badBody.headers.get('content-type')).toContain('application/problem+json');
    expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'explanation',
      'extra',
      'reason',
    ]);
    expect(eventCount(host, id)).toBe(registered + 1);

    const explanation = '经核实，您反映的断线系小区物业线路改造所致，请联系物业服务中心。';
    const rejected = await act('handler1', id, 'reject', { reason: 'not_in_scope', explanation });
    expect(rejected.status).toBe(202);
    expect(rejected.body).toEqual({
      complaintId: id,
      status: 'rejected',
      revision: registered + 1,
      message: explanation,
    });

    const headers = { 'idempotency-key': `appeal-${id}` };
    const grounds = { grounds: '物业说线路早已改造完毕，问题在运营商机房。' };
    const appealed = await act('agent1', id, 'appeals', grounds, headers);
    const again = await act('agent1', id, 'appeals', grounds, headers);
    expect(appealed.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(appealed.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(appealed.body).toMatchObject({ status: 'appealed', revision: registered + 2 });

    const decision = { outcome: 'overturned', explanation: '经复核，故障在本公司机房，予以受理。' };
    expect((await act('handler1', id, 'appeals/decision', decision)).status).toBe(403);
    expect((await act('agent2', id, 'appeals', grounds)).status).toBe(404);
    const overturned = await act('supervisor1', id, 'appeals/decision', decision);
    expect(overturned.status).toBe(202);
    expect(overturned.body).toEqual({
      complaintId: id,
      status: 'accepted',
      revision: registered + 3,
      message: decision.explanation,
    });

    const twice = await act('handler1', id, 'accept');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'complaint.transition_forbidden', status: 409 });

    const history = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: tokens.agent1 });
    expect(history.status).toBe(200);
    const intake = history.body.events.filter((e: { streamId: string }) => e.streamId.startsWith('intake-'));
    expect(intake.slice(-4).map((e: { type: string }) => e.type)).toEqual([
      'RecordCorrected',
      'ComplaintRejected',
      'RejectionAppealed',
      'AppealDecided',
    ]);
    expect(JSON.stringify(intake)).not.toContain('13900000000');
    expect(intake.find((e: { type: string }) => e.type === 'ComplaintRejected').data).toMatchObject({
      reason: 'not_in_scope',
      explanation,
      automatic: false,
      rejectedBy: 'user-handler1',
    });
    expect(intake.find((e: { type: string }) => e.type === 'AppealDecided').data).toMatchObject({
      ...decision,
      decidedBy: 'user-supervisor1',
    });
    expect(verifyChains(history.body.events)).toEqual({
      valid: true,
      eventsChecked: history.body.events.length,
    });
    const verify = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, {
      token: tokens.agent1,
    });
    expect(verify.body).toMatchObject({ valid: true });

    const withdrawn = await act('agent1', id, 'withdraw', { reason: '客户来电表示已修好，撤回投诉。' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', revision: registered + 4 });
  });
});
