import { HostProcess } from './host-process';

/**
 * Seed 003 on `npm start`: the smart-meter protest posted at a branch is escalated to the centre
 * director and a level-3 plan opens within seconds; the plan is worked through HTTP; a complaint is
 * escalated by hand and handed back.
 */
describe('escalation and the collective-incident plan on the host', () => {
  let host: HostProcess;
  let agent1: string;
  let director1: string;
  let manager1: string;
  let supervisor1: string;

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, director1, manager1, supervisor1] = await Promise.all(
      ['agent1', 'director1', 'manager1', 'supervisor1'].map((u) => host.token(u)),
    );
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  const register = (description: string, complainantCount: number, emotion = 'angry', branchId = 'east-1') =>
    host.request('POST', '/api/v1/complaints', {
      token: branchId === 'east-1' ? agent1 : supervisor1,
      body: {
        channel: 'walk_in',
        channelDetails: { receptionPoint: '客户服务中心营业厅' },
        branchId,
        complainant: { name: '业主代表', phone: '13800000333' },
        subject: { type: 'product', name: '智能电表' },
        description,
        complainantCount,
        emotion,
        language: 'zh',
      },
    });

  it('escalates the smart-meter protest to the centre director and opens a level-3 plan, within seconds', async () => {
    const registered = await register(
      '业主代表联合近二十名业主来到营业厅集体投诉：小区表计轮换为智能电能表后，每月电量增长幅度超出正常范围，' +
        '认为新表计量不准，强烈要求换回原机械表，并表示如果没得到妥善处理，将集体向市级政府部门反映。',
      20,
      'angry',
      // the Hangzhou branch: the demo's own smart-meter protest (with a threat of the media) is at Shanghai's
      'east-2',
    );
    expect(registered.status).toBe(201);
    const { complaintId } = registered.body as { complaintId: string };
    const started = Date.now();
    const view = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: director1 });
      return reply.body?.escalation && reply.body?.incidentPlan ? reply.body : undefined;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(view.escalation).toMatchObject({ level: 'headquarters', holderId: 'user-director1' });
    expect(view.incidentPlan).toMatchObject({
      level: 'level_3',
      status: 'open',
      stepsDone: 0,
      stepsTotal: 5,
    });

    const { planId } = view.incidentPlan as { planId: string };
    const plan = await host.request('GET', `/api/v1/incident-plans/${planId}`, { token: director1 });
    expect(plan.body).toMatchObject({ coordinatorId: 'user-director1', origin: 'detected' });
    const done = await host.request('POST', `/api/v1/incident-plans/${planId}/steps/separate_room/done`, {
      token: supervisor1,
      body: { note: '已引导至VIP室，专人接待' },
    });
    expect(done.status).toBe(202);
    const after = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: supervisor1 });
      return reply.body?.incidentPlan?.stepsDone === 1 ? reply.body : undefined;
    });
    expect(after.incidentPlan.stepsDone).toBe(1);

    // accepted (受理), it lands on a named person at the level the routing policy names for its severity
    const accepted = await host.request('POST', `/api/v1/complaints/${complaintId}/accept`, {
      token: supervisor1,
      body: {},
    });
    expect(accepted.status).toBe(202);
    const dispatched = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: supervisor1 });
      return reply.body?.assignment?.assigneeId ? reply.body : undefined;
    });
    const level = { critical: 'general_manager', major: 'branch_manager' }[
      dispatched.classification.severity as 'critical' | 'major'
    ];
    expect(level).toBeDefined();
    expect(dispatched.assignment).toMatchObject({
      level,
      status: 'assigned',
      assigneeId: expect.any(String),
    });

    const history = await host.request('GET', `/api/v1/complaints/${complaintId}/history`, {
      token: director1,
    });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ComplaintEscalated', 'EscalationNotificationRequested']),
    );
  });

  it('escalates a complaint by hand to the branch manager, who hands it back', async () => {
    const registered = await register('营业厅的叫号机屏幕有些暗，看不太清，希望更换。', 1, 'calm');
    const { complaintId } = registered.body as { complaintId: string };
    await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: agent1 });
      return reply.body?.classification ?? undefined;
    });
    const escalated = await host.request('POST', `/api/v1/complaints/${complaintId}/escalate`, {
      token: agent1,
      body: { reason: '客户要求主管处理' },
    });
    expect(escalated.status).toBe(202);
    expect(escalated.body).toMatchObject({ status: 'escalated', escalation: { holderId: 'user-manager1' } });
    const back = await host.request('POST', `/api/v1/complaints/${complaintId}/escalation/hand-back`, {
      token: manager1,
      body: { note: '已致电客户致歉，交回处理' },
    });
    expect(back.body).toMatchObject({ status: 'not_escalated', escalation: null });
  });
});
