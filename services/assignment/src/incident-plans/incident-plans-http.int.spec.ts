import { type EscalationTestApp, until } from '../escalation-app.test-support';
import { tokenUser } from '../escalation-staff.test-support';
import { indexed, startPlansApp } from './incident-plans.test-support';

const outsider = tokenUser('other', 'user-other-director', ['director'], ['o-hq']);
const PLANS = '/api/v1/incident-plans';

describe('declaring a collective incident and working its plan (HTTP)', () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startPlansApp();
  });
  afterAll(() => t.close());

  const declare = async (
    as: Parameters<EscalationTestApp['request']>[0],
    complaintIds: string[],
    extra: object = {},
    headers = {},
  ) => t.request(as, 'POST', PLANS, { complaintIds, reason: '同一小区智能电表集体投诉', ...extra }, headers);
  /** A plan declared by `as` over new complaints at these branches. */
  const declared = async (as = 'supervisor1', branches = ['east-1', 'east-2']) => {
    const ids: string[] = [];
    for (const branchId of branches)
      ids.push((await t.receive({ branchId, complainantCount: 10 })).complaintId);
    const reply = await declare(as, ids);
    expect(reply.statusCode).toBe(201);
    return { ids, plan: reply.json() };
  };
  const step = (as: string, planId: string, stepId: string, headers = {}, note = '已安排VIP室，专人接待') =>
    t.request(as, 'POST', `${PLANS}/${planId}/steps/${stepId}/done`, { note }, headers);

  it('opens a plan at the lowest unit above its complaints, coordinated by the centre director', async () => {
    const { ids, plan } = await declared();
    expect(plan).toMatchObject({
      status: 'open',
      level: 'level_3',
      levelName: { zh: '三级预警', en: 'level 3 warning' },
      origin: 'declared',
      incidentId: null,
      unitId: 'east',
      coordinatorId: 'user-director1',
      complaints: ids.map((complaintId) => ({ complaintId, resolution: null })),
      complainantCount: 20,
      stepsDone: 0,
      stepsTotal: 5,
      reason: '同一小区智能电表集体投诉',
      openedBy: 'user-supervisor1',
      revision: 1,
    });
    const one = await t.request('handler1', 'GET', `${PLANS}/${plan.planId}`);
    expect(one.statusCode).toBe(404);
    const read = await t.request('supervisor1', 'GET', `${PLANS}/${plan.planId}`);
    expect(read.json()).toEqual(plan);
    expect(read.headers.etag).toBe('"1"');
  });

  it('takes the coordinator named, who must be in the directory (400 naming coordinatorId)', async () => {
    const { complaintId } = await t.receive();
    const named = await declare('manager1', [complaintId], { coordinatorId: 'user-manager1' });
    expect(named.json()).toMatchObject({ unitId: 'east-1', coordinatorId: 'user-manager1' });
    const unknown = await declare('manager1', [(await t.receive()).complaintId], {
      coordinatorId: 'user-nobody',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'coordinatorId' })]);
  });

  it('refuses a complaint outside scope (404), one in an open plan (409), none at all (400), and those below a supervisor (403)', async () => {
    const east2 = (await t.receive({ branchId: 'east-2' })).complaintId;
    const outside = await declare('manager1', [east2]);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('complaint.not_found');
    expect((await declare(outsider, [east2])).statusCode).toBe(404);
    const { ids, plan } = await declared('manager1', ['east-1']);
    await indexed(t, ids[0]!, plan.planId);
    const again = await declare('supervisor1', ids);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('incident_plan.complaint_in_plan');
    const none = await declare('supervisor1', []);
    expect(none.json().errors).toEqual([expect.objectContaining({ field: 'complaintIds' })]);
    for (const as of ['agent1', 'handler1', 'analyst1'])
      expect((await declare(as, ids)).statusCode).toBe(403);
  });

  it('answers a retried declaration with the plan it opened', async () => {
    const { complaintId } = await t.receive();
    const key = { 'idempotency-key': `declare-${complaintId}` };
    const first = await declare('manager1', [complaintId], {}, key);
    const again = await declare('manager1', [complaintId], {}, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await declare('manager1', [complaintId], { reason: 'other' }, key)).statusCode).toBe(422);
  });

  it('records each step done with who, when and a note, once', async () => {
    const { plan } = await declared();
    // an agent of one branch does not reach a plan of the region
    expect((await step('agent1', plan.planId, 'separate_room')).statusCode).toBe(404);
    const first = await step('supervisor1', plan.planId, 'separate_room');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ planId: plan.planId, status: 'open', level: 'level_3', revision: 2 });
    const twice = await step('supervisor1', plan.planId, 'separate_room');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('incident_plan.step_done');
    expect((await step('supervisor1', plan.planId, 'dance')).statusCode).toBe(404);
    const read = (await t.request('director1', 'GET', `${PLANS}/${plan.planId}`)).json();
    expect(read.stepsDone).toBe(1);
    expect(read.steps[0]).toMatchObject({
      stepId: 'separate_room',
      done: { by: 'user-supervisor1', at: expect.any(String), note: '已安排VIP室，专人接待' },
    });
  });

  it('names a blank note (400), answers 403 beyond a role, 412 for a stale If-Match, and replays a retry', async () => {
    const { plan } = await declared();
    const blank = await step('supervisor1', plan.planId, 'talk_to_leader', {}, ' ');
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await step('regulator1', plan.planId, 'talk_to_leader')).statusCode).toBe(403);
    expect((await step('supervisor1', plan.planId, 'talk_to_leader', { 'if-match': '"0"' })).statusCode).toBe(
      412,
    );
    const key = { 'idempotency-key': `step-${plan.planId}` };
    const first = await step('supervisor1', plan.planId, 'talk_to_leader', { ...key, 'if-match': '"1"' });
    const again = await step('supervisor1', plan.planId, 'talk_to_leader', { ...key, 'if-match': '"1"' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('numbers the status reports to the emergency office', async () => {
    const { plan } = await declared();
    const report = (text: string) =>
      t.request('director1', 'POST', `${PLANS}/${plan.planId}/status-reports`, { text });
    expect((await report('已向应急办汇报：现场秩序平稳')).statusCode).toBe(202);
    await report('计量监督局已到场校验');
    const read = (await t.request('director1', 'GET', `${PLANS}/${plan.planId}`)).json();
    expect(read.statusReports.map((r: { reportNo: number; by: string }) => [r.reportNo, r.by])).toEqual([
      [1, 'user-director1'],
      [2, 'user-director1'],
    ]);
  });

  it('is closed by its coordinator with a note (403 for others), and then takes no more work (409)', async () => {
    const { plan } = await declared();
    const close = (as: string) =>
      t.request(as, 'POST', `${PLANS}/${plan.planId}/close`, { note: '现场校验合格，居民接受解释' });
    const notCoordinator = await close('supervisor1');
    expect(notCoordinator.statusCode).toBe(403);
    expect(notCoordinator.json().code).toBe('incident_plan.not_coordinator');
    const closed = await close('director1');
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const late = await step('supervisor1', plan.planId, 'separate_room');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('incident_plan.closed');
    const read = (await t.request('supervisor1', 'GET', `${PLANS}/${plan.planId}`)).json();
    expect(read.closing).toMatchObject({ closure: 'closed_by_coordinator', by: 'user-director1' });
  });

  it('lists the plans in the caller’s scope, newest first, by status and unit', async () => {
    const east = await declared('supervisor1');
    const branch = await declared('manager1', ['east-1']);
    const ids = (reply: { json(): { items: { planId: string }[] } }) =>
      reply.json().items.map((p) => p.planId);
    const list = (as: string, query = '') => t.request(as, 'GET', `${PLANS}${query}`);
    await until(
      () => list('supervisor1'),
      (r) => ids(r).includes(branch.plan.planId),
    );
    const all = ids(await list('supervisor1'));
    expect(all.indexOf(branch.plan.planId)).toBeLessThan(all.indexOf(east.plan.planId));
    const manager = ids(await list('manager1'));
    expect(manager).toContain(branch.plan.planId);
    expect(manager).not.toContain(east.plan.planId);
    expect(ids(await list('supervisor1', '?unitId=east-1&status=open'))).not.toContain(east.plan.planId);
    expect((await list('manager1', '?unitId=east')).statusCode).toBe(403);
    expect((await list('manager1', '?status=maybe')).statusCode).toBe(400);
    expect((await list('manager1', '?colour=red')).statusCode).toBe(400);
    expect(ids(await list('agent2'))).toEqual([]);
    const [item] = (await list('supervisor1', '?limit=1')).json().items;
    expect(item).toMatchObject({ status: 'open', level: 'level_3', stepsTotal: 5, tenantId: 'demo' });
  });
});
