import { get, project, seed, useAnalyticsApp } from '../analytics.test-support';

/*
 * The access log through HTTP (analytics.test-support.ts), behind one trusted proxy: each read of
 * complaint data by an analyst, a regulator or an administrator is recorded — who, what, when and
 * from where — and listed for the tenant's administrators only.
 */

useAnalyticsApp({ trustProxyHops: 1 });

const PROXIED = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7', 'user-agent': 'spec' };

const complaint = (tenantId = 'demo') =>
  seed({
    tenantId,
    branchId: 'east-1',
    receivedAt: '2026-11-23T02:00:00.000Z',
    description: '营业员态度恶劣。',
  });

async function logged(query = ''): Promise<Array<Record<string, unknown>>> {
  const reply = await get('admin', `/api/v1/audit/access-log${query}`);
  expect(reply.statusCode).toBe(200);
  return reply.json().items;
}

describe('the access log', () => {
  it('records a read of one complaint by an analyst: who, what, when and from where', async () => {
    const { complaintId } = await complaint();
    const before = new Date().toISOString();
    expect((await get('analyst1', `/api/v1/complaints/${complaintId}/history`, PROXIED)).statusCode).toBe(
      200,
    );
    const [entry, ...rest] = await logged(`?complaintId=${complaintId}`);
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      entryId: expect.any(String),
      at: expect.any(String),
      userId: 'user-analyst1',
      username: 'analyst1',
      roles: ['analyst'],
      kind: 'history',
      complaintId,
      method: 'GET',
      url: `/api/v1/complaints/${complaintId}/history`,
      status: 200,
      clientAddress: '198.51.100.7',
      userAgent: 'spec',
      correlationId: expect.any(String),
    });
    expect(Date.parse(entry!.at as string)).toBeGreaterThanOrEqual(Date.parse(before));
  });

  it("records views, lists and exports by analysts, regulators and administrators, never other roles' reads", async () => {
    const { complaintId } = await complaint();
    await project();
    await get('agent1', `/api/v1/complaints/${complaintId}`);
    await get('supervisor1', `/api/v1/complaints/${complaintId}/history`);
    expect(await logged(`?complaintId=${complaintId}`)).toEqual([]);
    expect((await get('admin', `/api/v1/complaints/${complaintId}`)).statusCode).toBe(200);
    await get('analyst1', '/api/v1/complaints?limit=5');
    await get('regulator1', '/api/v1/audit/export');
    await get('regulator1', `/api/v1/complaints/${complaintId}/history/verify`);
    const kinds = (await logged()).map((entry) => [entry.username, entry.kind]);
    expect(kinds.slice(0, 4)).toEqual([
      ['regulator1', 'verify'],
      ['regulator1', 'export'],
      ['analyst1', 'list'],
      ['admin', 'view'],
    ]);
    expect((await logged('?userId=user-regulator1&kind=export')).map((entry) => entry.url)).toEqual([
      '/api/v1/audit/export',
    ]);
  });

  it('does not record a read that failed', async () => {
    const other = await complaint('other');
    expect((await get('analyst1', `/api/v1/complaints/${other.complaintId}`)).statusCode).toBe(404);
    expect(await logged(`?complaintId=${other.complaintId}`)).toEqual([]);
  });

  it("lists the tenant's reads in pages, newest first, for administrators only", async () => {
    const first = await get('admin', '/api/v1/audit/access-log?limit=1');
    expect(first.json().items).toHaveLength(1);
    const next = await get('admin', `/api/v1/audit/access-log?limit=1&cursor=${first.json().nextCursor}`);
    expect(Date.parse(next.json().items[0].at)).toBeLessThanOrEqual(Date.parse(first.json().items[0].at));
    for (const as of ['analyst1', 'regulator1', 'agent1', 'director1']) {
      expect([as, (await get(as, '/api/v1/audit/access-log')).statusCode]).toEqual([as, 403]);
    }
    expect((await get('admin', '/api/v1/audit/access-log?kind=peek')).statusCode).toBe(400);
    expect((await get('admin', '/api/v1/audit/access-log?who=x')).statusCode).toBe(400);
  });
});
