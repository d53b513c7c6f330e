import { HostProcess } from './host-process';

/** A complaint registered over HTTP is classified by the classification service and shown in its view. */
describe('classifying registered complaints', () => {
  let host: HostProcess;
  let agent1: string;
  let handler1: string;
  let supervisor1: string;

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, handler1, supervisor1] = await Promise.all(
      ['agent1', 'handler1', 'supervisor1'].map((u) => host.token(u)),
    );
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('shows a smart-meter protest by 20 residents threatening a petition as collective, major or critical', async () => {
    const registered = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: {
        channel: 'hotline',
        branchId: 'east-1',
        complainant: { name: '李建国', phone: '13800000777' },
        subject: { type: 'billing', name: '智能电表' },
        description:
          '幸福小区20户居民联名投诉：更换智能电表后电费比往年同期翻了一倍，多次反映无人处理。' +
          '居民要求重新校验电表并退还多收的电费，否则将集体到市政府信访。',
        complainantCount: 20,
        emotion: 'angry',
        language: 'zh',
      },
    });
    expect(registered.status).toBe(201);
    const { complaintId } = registered.body as { complaintId: string };
    const view = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: agent1 });
      return reply.status === 200 && reply.body.classification ? reply.body : undefined;
    });
    expect(view.classification).toMatchObject({ scope: 'collective', decidedBy: 'model' });
    expect(['major', 'critical']).toContain(view.classification.severity);
    expect(view.classification.signals).toContain('government_petition');

    const listed = await host.request(
      'GET',
      `/api/v1/complaints?category=${encodeURIComponent(view.classification.category)}&severity=${view.classification.severity}`,
      { token: agent1 },
    );
    expect(listed.body.items.map((item: { complaintId: string }) => item.complaintId)).toContain(complaintId);

    const corrected = await host.request('POST', `/api/v1/complaints/${complaintId}/classify`, {
      token: handler1,
      body: { category: 'fees_price', severity: 'critical', reason: '电费计量争议' },
    });
    expect(corrected.status).toBe(202);
    const after = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: agent1 });
      return reply.body.classification?.decidedBy === 'human' ? reply.body : undefined;
    });
    expect(after.classification).toMatchObject({
      category: 'fees_price',
      severity: 'critical',
      confidence: 1,
    });
  });

  it('merges two collective incidents about one matter, and takes a complaint about something else out', async () => {
    let phone = 13900000100;
    const register = async (name: string, description: string) => {
      const reply = await host.request('POST', '/api/v1/complaints', {
        token: supervisor1,
        body: {
          channel: 'hotline',
          branchId: 'east-2',
          complainant: { name: '居民', phone: String(phone++) },
          subject: { type: 'product', name },
          description,
        },
      });
      expect(reply.status).toBe(201);
      return (reply.body as { complaintId: string }).complaintId;
    };
    const meters: string[] = [];
    const bills: string[] = [];
    for (let i = 0; i < 5; i++) {
      meters.push(
        await register(
          '智能电表',
          `新装的智能电表计量不准，电费比上月多了一倍，要求重新校验电表（${i}号楼）。`,
        ),
      );
      bills.push(
        await register('电费账单', `这个月的电费账单金额异常，高出平时三倍，营业厅解释不清楚（${i}号楼）。`),
      );
    }
    const incidentOf = (complaintId: string) =>
      host.eventually(async () => {
        const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: supervisor1 });
        return (reply.body.collectiveIncident?.incidentId as string | undefined) ?? undefined;
      });
    const [survivor, merged] = [await incidentOf(meters[0]!), await incidentOf(bills[0]!)];
    expect(survivor).not.toBe(merged);

    const reply = await host.request('POST', `/api/v1/classification/incidents/${merged}/merge`, {
      token: supervisor1,
      body: { into: survivor, reason: '同一批智能电表引起的电费异常' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ incidentId: merged, mergedInto: survivor });

    const listed = await host.eventually(async () => {
      const page = await host.request('GET', `/api/v1/complaints?incidentId=${survivor}&limit=50`, {
        token: supervisor1,
      });
      const ids = (page.body.items as { complaintId: string }[]).map((i) => i.complaintId);
      return ids.length === 10 ? ids : undefined;
    });
    expect([...listed].sort()).toEqual([...meters, ...bills].sort());
    const view = await host.request('GET', `/api/v1/complaints/${bills[0]}`, { token: supervisor1 });
    expect(view.body.collectiveIncident).toMatchObject({
      incidentId: survivor,
      complaintCount: expect.any(Number),
    });
    expect(view.body.classification).toMatchObject({ scope: 'collective' });

    // one complaint turns out to be about something else: taken out, it shows no incident
    const removal = await host.request(
      'POST',
      `/api/v1/classification/incidents/${survivor}/members/${bills[4]}/removal`,
      { token: supervisor1, body: { reason: '该户电费异常系违章用电，与电表批次无关' } },
    );
    expect(removal.status).toBe(200);
    expect(removal.body).toMatchObject({ complaintCount: 9, removedComplaintIds: [bills[4]] });
    const left = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${bills[4]}`, { token: supervisor1 });
      return reply.body.collectiveIncident === null ? reply.body : undefined;
    });
    expect(left.complaintId).toBe(bills[4]);
    const remaining = await host.request('GET', `/api/v1/complaints?incidentId=${survivor}&limit=50`, {
      token: supervisor1,
    });
    expect(remaining.body.items).toHaveLength(9);
  });
});
