import { HostProcess } from './host-process';

/** A complaint registered over HTTP is classified by the classification service and shown in its view. */
describe('classifying registered complaints', () => {
  let host: HostProcess;
  let agent1: string;
  let handler1: string;

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, handler1] = await Promise.all(['agent1', 'handler1'].map((u) => host.token(u)));
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
    const started = Date.now();
    const view = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: agent1 });
      return reply.status === 200 && reply.body.classification ? reply.body : undefined;
    });
    expect(Date.now() - started).toBeLessThan(5_000);
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
});
