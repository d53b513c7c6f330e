import { HostProcess } from './host-process';

/** Complaints registered over HTTP, listed and searched over HTTP, from the running host. */
describe('listing and searching complaints', () => {
  let host: HostProcess;
  let agent1: string;
  let agent2: string;
  let admin: string;
  const registered: Record<string, { complaintId: string; reference: string }> = {};

  let phone = 13800000090;
  const register = async (token: string, branchId: string, description: string, name?: string) => {
    const reply = await host.request('POST', '/api/v1/complaints', {
      token,
      body: {
        channel: 'web',
        branchId,
        complainant: { name: '测试用户', phone: String(phone++) },
        subject: { type: 'product', ...(name && { name }) },
        description,
      },
    });
    expect(reply.status).toBe(201);
    return reply.body as { complaintId: string; reference: string };
  };
  const list = async (token: string, query: string) => {
    const reply = await host.request('GET', `/api/v1/complaints?${query}`, { token });
    expect([query, reply.status]).toEqual([query, 200]);
    return reply.body.items.map((item: { complaintId: string }) => item.complaintId) as string[];
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, agent2, admin] = await Promise.all(['agent1', 'agent2', 'admin'].map((u) => host.token(u)));
    registered.kettle = await register(
      agent1,
      'east-1',
      '新买的钛合金电水壶底座漏电，要求退货。',
      '钛合金电水壶',
    );
    registered.router = await register(
      agent2,
      'west-1',
      'The titanium router keeps dropping the connection.',
    );
    registered.kettle2 = await register(agent2, 'west-1', '钛合金电水壶的开关失灵。');
    await host.eventually(async () =>
      (await list(admin, q('钛合金'))).length === 2 && (await list(admin, q('titanium'))).length === 1
        ? true
        : undefined,
    );
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('finds Chinese and English text, newest first, within the caller scope', async () => {
    expect(await list(admin, q('钛合金电水壶'))).toEqual([
      registered.kettle2!.complaintId,
      registered.kettle!.complaintId,
    ]);
    expect(await list(admin, q('底座 漏电'))).toEqual([registered.kettle!.complaintId]);
    expect(await list(admin, q('TITANIUM router'))).toEqual([registered.router!.complaintId]);
    expect(await list(admin, q(registered.router!.reference))).toEqual([registered.router!.complaintId]);
    expect(await list(agent1, q('钛合金'))).toEqual([registered.kettle!.complaintId]);
    expect(await list(agent2, q('钛合金'))).toEqual([registered.kettle2!.complaintId]);
    expect(await list(agent2, `${q('钛合金')}&status=received&branchId=west-1`)).toEqual([
      registered.kettle2!.complaintId,
    ]);
  });

  it('refuses a branch outside the scope and names bad parameters', async () => {
    const outside = await host.request('GET', '/api/v1/complaints?branchId=west-1', { token: agent1 });
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toContain('branchId');
    const bad = await host.request('GET', '/api/v1/complaints?limit=500&sort=asc', { token: agent1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'sort']);
  });

  it('pages through the seeded demo complaints and the new ones once each', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const reply = await host.request('GET', `/api/v1/complaints?limit=3${suffix}`, { token: admin });
      expect(reply.status).toBe(200);
      seen.push(...reply.body.items.map((item: { complaintId: string }) => item.complaintId));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(Object.values(registered).map((r) => r.complaintId)));
    expect(seen.length).toBeGreaterThan(3);
  });
});
