import { get, listed, useAnalyticsApp } from '../analytics.test-support';
import { badFields, c, FILLERS, ids, seedComplaints } from './complaint-list.test-support';

/*
 * The complaint list through HTTP, in process (analytics.test-support.ts), over the complaints of
 * complaint-list.test-support.ts: filters, search, the caller's branch scope, paging, validation.
 */

useAnalyticsApp();
beforeAll(seedComplaints);

describe('GET /api/v1/complaints', () => {
  it('lists newest first as summaries without the complainant', async () => {
    const reply = await get('admin', '/api/v1/complaints?limit=3');
    expect(reply.statusCode).toBe(200);
    const body = reply.json();
    expect(body.items).toHaveLength(3);
    expect(body.nextCursor).toEqual(expect.any(String));
    const receivedAts = body.items.map((item: { receivedAt: string }) => item.receivedAt);
    expect(receivedAts).toEqual([...receivedAts].sort().reverse());
    expect((await get('admin', '/api/v1/complaints?status=received&limit=100')).json().items[0]).toEqual({
      complaintId: expect.any(String),
      reference: expect.stringMatching(/^KS-20261122-\d{6}$/),
      status: 'received',
      channel: 'hotline',
      branchId: 'east-1',
      receivedAt: '2026-11-22T23:00:00.000Z',
      subject: { type: 'service' },
      excerpt: '宽带安装师傅迟到 23',
      classification: null,
      collectiveIncident: null,
      assignment: null,
      sla: { respondBy: '2026-11-23T23:00:00.000Z', resolveBy: null, state: 'on_track' },
      updatedAt: expect.any(String),
    });
    expect(reply.body).not.toContain('complainant');
    expect(reply.body).not.toContain('searchTokens');
  });

  it('filters by status', async () => {
    expect(await listed('admin', 'status=accepted')).toEqual(ids('reading', 'attitude'));
    expect(await listed('admin', 'status=rejected')).toEqual(ids('password'));
    expect(await listed('admin', 'status=withdrawn')).toEqual(ids('billing'));
    expect(await listed('admin', 'status=merged')).toEqual([]);
  });

  it('filters by classification category and severity', async () => {
    expect(await listed('admin', 'category=service_attitude')).toEqual(ids('attitude'));
    expect(await listed('admin', 'severity=minor')).toEqual(ids('reading'));
    expect(await listed('admin', 'category=billing&severity=major')).toEqual([]);
  });

  it('filters by time of receipt, both bounds inclusive, offsets understood', async () => {
    expect(await listed('admin', 'from=2026-11-20T10:00:00%2B08:00&to=2026-11-20T04:00:00Z')).toEqual(
      ids('billing', 'password', 'attitude'),
    );
    expect(await listed('admin', 'to=2026-11-20T01:00:00.000Z')).toEqual(ids('meter'));
    expect((await listed('admin', 'from=2026-11-22T00:00:00Z&limit=100')).length).toBe(FILLERS);
  });

  describe('search with q', () => {
    it('finds Chinese text by words anywhere in it', async () => {
      expect(await listed('admin', `q=${encodeURIComponent('电表')}`)).toEqual(ids('reading', 'meter'));
      expect(await listed('admin', `q=${encodeURIComponent('智能电表')}`)).toEqual(ids('meter'));
      expect(await listed('admin', `q=${encodeURIComponent('电费 翻倍')}`)).toEqual(ids('meter'));
      expect(await listed('admin', `q=${encodeURIComponent('态度恶劣')}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${encodeURIComponent('人民路营业厅')}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${encodeURIComponent('５８元')}`)).toEqual(ids('billing'));
      expect(await listed('admin', `q=${encodeURIComponent('水表')}`)).toEqual([]);
    });

    it('finds English words in any order and case', async () => {
      expect(await listed('admin', 'q=email+password')).toEqual(ids('password'));
      expect(await listed('admin', 'q=OCTOBER')).toEqual(ids('twice'));
      expect(await listed('admin', 'q=october+refund')).toEqual([]);
    });

    it('finds a complaint by its reference, whole or by its number', async () => {
      expect(await listed('admin', `q=${c.attitude!.reference}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${c.attitude!.reference.toLowerCase()}`)).toEqual(ids('attitude'));
      expect(await listed('admin', `q=${c.attitude!.reference.slice(-6)}`)).toEqual(ids('attitude'));
    });

    it('combines with the other filters and the caller scope', async () => {
      expect(await listed('admin', `q=${encodeURIComponent('电表')}&status=accepted`)).toEqual(
        ids('reading'),
      );
      expect(await listed('agent1', `q=${encodeURIComponent('电表')}`)).toEqual(ids('meter'));
      expect(await listed('agent1', 'q=password')).toEqual([]);
    });
  });

  describe('branch scope', () => {
    it('lists only the branches the caller covers, never another tenant', async () => {
      const all = async (as: string) => (await get(as, '/api/v1/complaints?limit=100')).json().items;
      const branchesOf = async (as: string) =>
        [...new Set((await all(as)).map((item: { branchId: string }) => item.branchId))].sort();
      expect(await branchesOf('agent1')).toEqual(['east-1']);
      expect(await branchesOf('supervisor1')).toEqual(['east-1', 'east-2']);
      expect(await branchesOf('admin')).toEqual(['east-1', 'east-2', 'west-1', 'west-2']);
      expect((await all('admin')).map((item: { complaintId: string }) => item.complaintId)).not.toContain(
        c.foreign!.complaintId,
      );
      expect(await all('admin')).toHaveLength(6 + FILLERS);
    });

    it('narrows to a branch or a region inside the scope', async () => {
      expect(await listed('supervisor1', 'branchId=east-2')).toEqual(ids('billing', 'password'));
      expect(await listed('admin', 'branchId=west')).toEqual(ids('twice', 'reading'));
      expect(await listed('agent1', 'branchId=east-1&status=accepted')).toEqual(ids('attitude'));
    });

    it('rejects a branchId outside the scope with 403, and one that does not exist with 400', async () => {
      for (const [as, branchId] of [
        ['agent1', 'east-2'],
        ['agent1', 'east'],
        ['supervisor1', 'west-1'],
        ['supervisor1', 'hq'],
      ] as const) {
        const reply = await get(as, `/api/v1/complaints?branchId=${branchId}`);
        expect(reply.statusCode).toBe(403);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.json().detail).toBe(`branchId ${branchId} is outside your branch scope`);
      }
      expect(await badFields('branchId=north-9')).toEqual(['branchId']);
    });
  });

  it('pages through every complaint once, newest first, in pages of the limit', async () => {
    const seen: Array<{ complaintId: string; receivedAt: string }> = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const reply = await get('admin', `/api/v1/complaints?${query}`);
      expect(reply.statusCode).toBe(200);
      const page = reply.json();
      seen.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    const total = 6 + FILLERS;
    expect(sizes).toEqual([7, 7, 7, 7, 3]);
    expect(new Set(seen.map((item) => item.complaintId)).size).toBe(total);
    const order = seen.map((item) => item.receivedAt);
    expect(order).toEqual([...order].sort().reverse());
    const filtered = await get('admin', '/api/v1/complaints?status=received&branchId=east-1&limit=20');
    const next = await get(
      'admin',
      `/api/v1/complaints?status=received&branchId=east-1&limit=20&cursor=${filtered.json().nextCursor}`,
    );
    expect(next.json()).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(filtered.json().items.length + next.json().items.length).toBe(FILLERS + 1);
  });

  describe('validation', () => {
    it('names each bad parameter', async () => {
      expect(await badFields('foo=1')).toEqual(['foo']);
      expect(await badFields('status=finished')).toEqual(['status']);
      expect(await badFields('severity=huge')).toEqual(['severity']);
      expect(await badFields('category=')).toEqual(['category']);
      expect(await badFields('branchId=a%20b')).toEqual(['branchId']);
      expect(await badFields('from=yesterday')).toEqual(['from']);
      expect(await badFields('to=2026-11-20')).toEqual(['to']);
      for (const limit of ['0', '101', 'abc', '2.5'])
        expect(await badFields(`limit=${limit}`)).toEqual(['limit']);
      expect(await badFields(`q=${'电'.repeat(101)}`)).toEqual(['q']);
      expect(await badFields('status=open&limit=0&foo=1&severity=x')).toEqual(
        expect.arrayContaining(['status', 'limit', 'foo', 'severity']),
      );
    });

    it('names what only makes sense together: from after to, q without words, a foreign cursor', async () => {
      expect(await badFields('from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z')).toEqual(['to']);
      expect(await badFields(`q=${encodeURIComponent('，。！？')}`)).toEqual(['q']);
      expect(await badFields('cursor=not-a-cursor')).toEqual(['cursor']);
      const numeric = Buffer.from(JSON.stringify([1, 'x'])).toString('base64url');
      expect(await badFields(`cursor=${numeric}&q=${encodeURIComponent('!')}`)).toEqual(['q', 'cursor']);
    });

    it('needs a token', async () => {
      const reply = await get(undefined, '/api/v1/complaints');
      expect(reply.statusCode).toBe(401);
    });
  });
});
