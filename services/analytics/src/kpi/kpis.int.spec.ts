import { get, provider, stores, useAnalyticsApp } from '../analytics.test-support';
import { KpiBuilds } from './kpi-builds';
import { KpiRollupStore } from './kpi-rollup-store';
import { complaintWith, rolledUp, type Step } from './kpi.test-support';

/*
 * GET /api/v1/analytics/kpis over the rollups the worker keeps from the store, against hand-computed
 * figures: the seeds' 326 satisfied of 327 (99.7 %), 1 closed of 3 (33.3 %) and growth of +61 %.
 */

useAnalyticsApp();

const settled = () => {
  const builds = provider<KpiBuilds>(KpiBuilds);
  const rollups = provider<KpiRollupStore>(KpiRollupStore);
  return rolledUp(
    stores().store,
    () => builds.readable(),
    (build) => rollups.position(build),
  );
};

const kpis = async (query: string, as = 'analyst1') => {
  await settled();
  const reply = await get(as, `/api/v1/analytics/kpis?${query}`);
  expect([query, reply.statusCode]).toEqual([query, 200]);
  return reply.json();
};

const many = async (n: number, at: string, branchId: string, steps: (i: number) => Step[] = () => []) => {
  for (let i = 0; i < n; i++) await complaintWith(stores().store, { receivedAt: at, branchId }, steps(i));
};

const satisfaction = (level: string): Step => [
  'SatisfactionRecorded',
  { recordedAt: '2026-09-20T02:00:00.000Z', satisfaction: level, via: 'callback' },
];
const classified = (category: string): Step => ['ComplaintClassified', { category, severity: 'general' }];

describe('GET /api/v1/analytics/kpis', () => {
  it('satisfaction: 326 satisfied of 327 surveyed is 99.7 %', async () => {
    await many(327, '2026-09-15T02:00:00.000Z', 'west-1', (i) => [
      satisfaction(i === 0 ? 'unsatisfied' : 'satisfied'),
    ]);
    const { groups, total } = await kpis('from=2026-09-01&to=2026-09-30&branchId=west-1');
    expect(total).toMatchObject({
      received: 327,
      surveyed: 327,
      satisfied: 326,
      unsatisfied: 1,
      satisfactionRate: 99.7,
    });
    expect(groups).toEqual([
      expect.objectContaining({ key: 'total', received: 327, satisfactionRate: 99.7 }),
    ]);
  });

  it('closure: 1 closed of 3 accepted is 33.3 %, per branch and for the region above them', async () => {
    const accepted: Step = ['ComplaintAccepted', { acceptedAt: '2026-08-03T03:00:00.000Z' }];
    const closed: Step = [
      'ComplaintClosed',
      { closedAt: '2026-08-05T03:00:00.000Z', finalCategory: 'fees', outcome: 'resolved', closedBy: 'u' },
    ];
    await complaintWith(stores().store, { receivedAt: '2026-08-03T02:00:00.000Z', branchId: 'east-1' }, [
      accepted,
      closed,
    ]);
    await complaintWith(stores().store, { receivedAt: '2026-08-03T02:00:00.000Z', branchId: 'east-1' }, [
      accepted,
    ]);
    await complaintWith(stores().store, { receivedAt: '2026-08-03T02:00:00.000Z', branchId: 'east-2' }, [
      accepted,
    ]);
    const byBranch = await kpis('from=2026-08-01&to=2026-08-31&branchId=east&groupBy=branch');
    expect(byBranch.total).toMatchObject({ received: 3, accepted: 3, closed: 1, closureRate: 33.3 });
    expect(
      byBranch.groups.map((g: { key: string; closureRate: number; share: number }) => [
        g.key,
        g.closureRate,
        g.share,
      ]),
    ).toEqual([
      ['east-1', 50, 66.7],
      ['east-2', 0, 33.3],
    ]);
  });

  it('growth against the previous period (环比) and the same period last year (同比), shares per cause and hot spots', async () => {
    await many(100, '2026-06-10T02:00:00.000Z', 'west-2', (i) => [classified(i < 50 ? 'fees' : 'attitude')]);
    await many(161, '2026-07-10T02:00:00.000Z', 'west-2', (i) => [classified(i < 120 ? 'fees' : 'attitude')]);
    await many(70, '2025-07-10T02:00:00.000Z', 'west-2');
    const answer = await kpis('from=2026-07-01&to=2026-07-30&branchId=west-2&groupBy=category');
    expect(answer.previousPeriod).toEqual({
      from: '2026-06-01',
      to: '2026-06-30',
      received: 100,
      growth: 61,
    });
    expect(answer.lastYear).toEqual({ from: '2025-07-01', to: '2025-07-30', received: 70, growth: 130 });
    expect(answer.causes.map((c: { key: string; share: number }) => [c.key, c.share])).toEqual([
      ['fees', 74.5],
      ['attitude', 25.5],
    ]);
    expect(answer.hotSpots.map((c: { key: string; rise: number }) => [c.key, c.rise])).toEqual([
      ['fees', 70],
    ]);
    expect(answer.groups.map((g: { key: string; received: number }) => [g.key, g.received])).toEqual([
      ['attitude', 41],
      ['fees', 120],
    ]);
  });

  it('answers every group api.md names, each with every field', async () => {
    for (const groupBy of [
      'branch',
      'category',
      'severity',
      'channel',
      'department',
      'assignee',
      'day',
      'month',
    ]) {
      const { groups } = await kpis(`from=2026-08-01&to=2026-08-31&groupBy=${groupBy}`, 'admin');
      expect(groups.length).toBeGreaterThan(0);
      for (const field of [
        'key',
        'received',
        'accepted',
        'rejected',
        'resolvedOnTheSpot',
        'closed',
        'resolvedWithinSla',
        'breached',
        'satisfied',
        'surveyed',
        'satisfactionRate',
        'closureRate',
        'onTimeRate',
        'avgResolutionHours',
        'reopened',
        'escalated',
        'p90ResolutionHours',
        'repeatRate',
        'escalationRate',
      ]) {
        expect([groupBy, field, field in groups[0]]).toEqual([groupBy, field, true]);
      }
    }
  });

  it('keeps to the caller’s scope and checks its parameters', async () => {
    expect((await get('agent1', '/api/v1/analytics/kpis')).statusCode).toBe(403);
    expect((await get('supervisor1', '/api/v1/analytics/kpis?branchId=west-1')).statusCode).toBe(403);
    expect((await get('analyst1', '/api/v1/analytics/kpis?branchId=nowhere')).statusCode).toBe(400);
    expect((await get('analyst1', '/api/v1/analytics/kpis?from=2026-02-30')).statusCode).toBe(400);
    expect((await get('analyst1', '/api/v1/analytics/kpis?from=2026-03-02&to=2026-03-01')).statusCode).toBe(
      400,
    );
    expect((await get('analyst1', '/api/v1/analytics/kpis?groupBy=colour')).statusCode).toBe(400);
    expect((await get('analyst1', '/api/v1/analytics/kpis?since=2026-03-01')).statusCode).toBe(400);
    const east = await kpis('from=2026-08-01&to=2026-08-31', 'supervisor1');
    expect(east.total.received).toBe(3);
    const west = await kpis('from=2026-08-01&to=2026-08-31&branchId=west', 'director1');
    expect(west.total.received).toBe(0);
  });
});
