import { get, provider, stores, useAnalyticsApp } from '../analytics.test-support';
import { KpiBuilds } from '../kpi/kpi-builds';
import { KpiRollupStore } from '../kpi/kpi-rollup-store';
import { complaintWith, rolledUp, type Step } from '../kpi/kpi.test-support';

/*
 * GET /api/v1/analytics/returns over the rollups: two complaints of October 2026 at east-1, one
 * closed in 2 days with a refund (upheld), one closed in 20 days with an explanation only.
 */

useAnalyticsApp();

const closedAfter = (category: string, resolvedAt: string, closedAt: string, remedies: object[]): Step[] => [
  ['ComplaintClassified', { category, severity: 'general' }],
  ['ComplaintResolved', { resolvedAt, outcome: 'agreed', remedies, summary: '…' }],
  ['ComplaintClosed', { closedAt, finalCategory: category, outcome: 'resolved', closedBy: 'u' }],
];

const read = async (query: string, as = 'regulator1', accept = 'application/json') => {
  await rolledUp(
    stores().store,
    () => provider<KpiBuilds>(KpiBuilds).readable(),
    (build) => provider<KpiRollupStore>(KpiRollupStore).position(build),
  );
  return get(as, `/api/v1/analytics/returns?${query}`, { accept });
};

beforeAll(async () => {
  const { store } = stores();
  await complaintWith(
    store,
    { receivedAt: '2026-10-05T02:00:00.000Z' },
    closedAfter('fees_price', '2026-10-06T02:00:00.000Z', '2026-10-07T02:00:00.000Z', [
      { type: 'refund', amount: 88.8, currency: 'CNY' },
    ]),
  );
  await complaintWith(
    store,
    { receivedAt: '2026-10-05T02:00:00.000Z' },
    closedAfter('service_attitude', '2026-10-20T02:00:00.000Z', '2026-10-25T02:00:00.000Z', [
      { type: 'explanation' },
    ]),
  );
});

describe('GET /api/v1/analytics/returns', () => {
  it('answers the FCA return and the China monthly figures from the rollups', async () => {
    const fca = await read('pack=fca-disp1&from=2026-10-01&to=2026-10-31');
    expect(fca.statusCode).toBe(200);
    expect(fca.json().total).toMatchObject({
      opened: 2,
      closed: 2,
      closedWithin3Days: 1,
      closedWithinLimit: 2,
      closedLater: 0,
      upheld: 1,
      upheldShare: 50,
      redressPaid: { CNY: 88.8 },
    });
    const china = await read('pack=cn-nfra-monthly&from=2026-10-01&to=2026-10-31&branchId=east-1');
    expect(china.json()).toMatchObject({
      unitId: 'east-1',
      pack: { limitDays: 15 },
      total: { closedWithinLimit: 1, closedLater: 1 },
    });
    expect(
      china
        .json()
        .rows.map((row: { key: string }) => row.key)
        .sort(),
    ).toEqual(['fees_price', 'service_attitude']);
  });

  it('answers CSV, refuses an unknown pack, and is not for case workers', async () => {
    const csv = await read('pack=fca-disp1&from=2026-10-01&to=2026-10-31&lang=en', 'analyst1', 'text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Product or service grouping,Opened,Closed,Closed within 3 days,Closed within the limit,Closed later,Upheld,Upheld (%),Redress paid CNY',
    );
    expect(lines).toContain('Total,2,2,1,2,0,1,50,88.8');
    expect((await read('pack=unknown')).statusCode).toBe(400);
    expect((await read('pack=fca-disp1', 'agent1')).statusCode).toBe(403);
  });
});
