import { get, provider, send, stores, useAnalyticsApp } from '../analytics.test-support';
import { KpiBuilds } from '../kpi/kpi-builds';
import { KpiRollupStore } from '../kpi/kpi-rollup-store';
import { complaintWith, rolledUp, type Step } from '../kpi/kpi.test-support';

/*
 * The monthly report over the rollups, against the seeds' own summary (327 calls, 279 handled on the
 * spot, 48 tickets, 326 satisfied: 99.7 %; 161 against 100 the month before: +61 %), as JSON, CSV and
 * a printable page; kept as issued, generations and findings as events.
 */

useAnalyticsApp();

const settled = () =>
  rolledUp(
    stores().store,
    () => provider<KpiBuilds>(KpiBuilds).readable(),
    (build) => provider<KpiRollupStore>(KpiRollupStore).position(build),
  );

const SEPTEMBER = '2026-09-15T02:00:00.000Z';
const onTheSpot: Step = ['ComplaintResolvedOnTheSpot', { resolvedAt: SEPTEMBER }];
const satisfaction = (level: string): Step => [
  'SatisfactionRecorded',
  { recordedAt: '2026-09-20T02:00:00.000Z', satisfaction: level, via: 'callback' },
];
const classified = (category: string): Step => ['ComplaintClassified', { category, severity: 'general' }];

const report = async (query: string, as = 'analyst1', accept = 'application/json') => {
  await settled();
  const reply = await get(as, `/api/v1/analytics/reports/monthly?${query}`, { accept });
  expect([query, reply.statusCode, reply.body.slice(0, 300)]).toEqual([query, 200, expect.anything()]);
  return reply;
};

beforeAll(async () => {
  const { store } = stores();
  for (let i = 0; i < 327; i++) {
    await complaintWith(store, { receivedAt: SEPTEMBER, branchId: i < 300 ? 'west-1' : 'east-1' }, [
      classified(i < 200 ? 'service_attitude' : 'fees_price'),
      ...(i < 279 ? [onTheSpot] : []),
      satisfaction(i === 0 ? 'unsatisfied' : 'satisfied'),
    ]);
  }
  for (let i = 0; i < 203; i++) {
    await complaintWith(store, { receivedAt: '2026-08-10T02:00:00.000Z', branchId: 'west-1' }, [
      classified(i < 150 ? 'service_attitude' : 'fees_price'),
    ]);
  }
}, 120_000);

describe('GET /api/v1/analytics/reports/monthly', () => {
  it('sums the seeds’ summary: totals, on the spot vs. ticketed, per branch, per cause, growth', async () => {
    const body = (await report('month=2026-09&branchId=hq')).json();
    expect(body).toMatchObject({
      status: 'draft',
      generation: null,
      unit: { id: 'hq' },
      period: { kind: 'monthly', label: '2026-09', from: '2026-09-01', to: '2026-09-30' },
      totals: {
        received: 327,
        resolvedOnTheSpot: 279,
        ticketed: 48,
        surveyed: 327,
        satisfied: 326,
        unsatisfied: 1,
        satisfactionRate: 99.7,
      },
      trend: { previousPeriod: { label: '2026-08', received: 203, growth: 61.1 }, grain: 'day' },
      findings: null,
    });
    expect(body.trend.points).toHaveLength(30);
    expect(body.trend.points[14]).toEqual({ key: '2026-09-15', received: 327, closed: 0 });
    const branch = (id: string) => body.branches.find((b: { unitId: string }) => b.unitId === id);
    expect(branch('west-1')).toMatchObject({
      received: 300,
      resolvedOnTheSpot: 279,
      ticketed: 21,
      unsatisfied: 1,
    });
    expect(branch('east-1')).toMatchObject({ received: 27, resolvedOnTheSpot: 0, ticketed: 27 });
    expect(
      body.causes.map((c: { key: string; share: number; previous: number }) => [c.key, c.share, c.previous]),
    ).toEqual([
      ['service_attitude', 61.2, 150],
      ['fees_price', 38.8, 53],
    ]);
    expect(body.hotSpots.map((c: { key: string; rise: number }) => [c.key, c.rise])).toEqual([
      ['fees_price', 74],
      ['service_attitude', 50],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/complaintId|phone|name":"[^"]*@/);
  });

  it('answers CSV for Accept: text/csv, in the language asked for', async () => {
    const reply = await report('month=2026-09&branchId=hq&lang=en', 'analyst1', 'text/csv');
    expect(reply.headers['content-type']).toMatch(/^text\/csv/);
    const lines = reply.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('section,key,name,metric,value');
    expect(lines).toContain('totals,hq,Headquarters,Satisfaction rate (%),99.7');
    expect(lines.filter((line) => line.startsWith('branch,west-1,'))).toContainEqual(
      expect.stringMatching(/,Complaints received,300$/),
    );
    const zh = await report('month=2026-09&branchId=hq', 'analyst1', 'text/csv');
    expect(zh.body).toContain('满意率(%),99.7');
  });

  it('answers a printable page with server-rendered charts and no script', async () => {
    const reply = await report('month=2026-09&branchId=hq', 'director1', 'text/html');
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.body).toContain('月度投诉分析报告');
    expect(reply.body.match(/<svg/g)?.length).toBe(3);
    expect(reply.body).not.toMatch(/<script/i);
  });
});

describe('generated reports are kept as issued', () => {
  const august = { kind: 'monthly', period: '2026-08', branchId: 'west-1' };

  it('issues a generation on request, reads it again as issued, and a new one only when figures changed', async () => {
    await settled();
    const early = await send('analyst1', 'PUT', '/api/v1/analytics/reports/findings', {
      ...august,
      findings: 'x',
      suggestions: 'y',
    });
    expect(early.statusCode).toBe(409);
    const first = await send('analyst1', 'POST', '/api/v1/analytics/reports', august);
    expect([first.statusCode, first.json()]).toEqual([
      201,
      expect.objectContaining({ status: 'issued', generation: 1, generatedBy: 'user-analyst1' }),
    ]);
    expect(first.json().totals.received).toBe(203);
    await complaintWith(stores().store, { receivedAt: '2026-08-11T02:00:00.000Z', branchId: 'west-1' });
    const asIssued = (await report('month=2026-08&branchId=west-1')).json();
    expect(asIssued).toMatchObject({
      status: 'issued',
      generation: 1,
      figuresHash: first.json().figuresHash,
    });
    expect(asIssued.totals.received).toBe(203);
    const second = await send('analyst1', 'POST', '/api/v1/analytics/reports', august);
    expect(second.json()).toMatchObject({ generation: 2, totals: { received: 204 } });
    const same = await send('analyst1', 'POST', '/api/v1/analytics/reports', august);
    expect(same.json()).toMatchObject({ generation: 2, figuresHash: second.json().figuresHash });
  });

  it('keeps the analyst’s findings and suggestions with the report, in every representation', async () => {
    const written = await send('analyst1', 'PUT', '/api/v1/analytics/reports/findings', {
      ...august,
      findings: '访销周期改为每周一次,急需货源成为投诉热点。',
      suggestions: '=HYPERLINK("x") 加强送货服务管理。',
    });
    expect([written.statusCode, written.json().findings]).toEqual([
      200,
      expect.objectContaining({ writtenBy: 'user-analyst1', findings: expect.stringContaining('热点') }),
    ]);
    const csv = (await report('month=2026-08&branchId=west-1', 'analyst1', 'text/csv')).body;
    expect(csv).toContain(`"'=HYPERLINK(""x"") 加强送货服务管理。"`);
    const page = (await report('month=2026-08&branchId=west-1', 'analyst1', 'text/html')).body;
    expect(page).toContain('=HYPERLINK(&quot;x&quot;) 加强送货服务管理。');
  });

  it('refuses a period not ended, a bad period, and writers other than analysts and directors', async () => {
    const future = await send('analyst1', 'POST', '/api/v1/analytics/reports', {
      kind: 'monthly',
      period: '2099-01',
    });
    expect(future.statusCode).toBe(400);
    const bad = await send('analyst1', 'POST', '/api/v1/analytics/reports', {
      kind: 'quarterly',
      period: '2026-08',
    });
    expect([bad.statusCode, JSON.stringify(bad.json())]).toEqual([400, expect.stringContaining('period')]);
    const regulator = await send('regulator1', 'POST', '/api/v1/analytics/reports', august);
    expect(regulator.statusCode).toBe(403);
    const quarterly = await get(
      'regulator1',
      '/api/v1/analytics/reports/quarterly?quarter=2026-Q3&branchId=hq',
    );
    expect(quarterly.json()).toMatchObject({
      period: { from: '2026-07-01', to: '2026-09-30' },
      totals: { received: 531 },
    });
  });
});
