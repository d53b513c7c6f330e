import { get, provider, send, stores, useAnalyticsApp } from '../analytics.test-support';
import { KpiBuilds } from '../kpi/kpi-builds';
import { KpiRollupStore } from '../kpi/kpi-rollup-store';
import { complaintWith, rolledUp } from '../kpi/kpi.test-support';

/*
 * 投诉率: the tenant supplies volumes per unit and month; the KPIs give complaints per 10,000 (per
 * 1,000 under 10,000). 30 complaints at east-1 and 12 at east-2 in October 2026.
 */

useAnalyticsApp();

const volume = (unitId: string, measure: string, value: number, as = 'admin') =>
  send(as, 'PUT', '/api/v1/analytics/volumes', { unitId, month: '2026-10', measure, volume: value });

const kpis = async (query: string) => {
  await rolledUp(
    stores().store,
    () => provider<KpiBuilds>(KpiBuilds).readable(),
    (build) => provider<KpiRollupStore>(KpiRollupStore).position(build),
  );
  return (await get('analyst1', `/api/v1/analytics/kpis?from=2026-10-01&to=2026-10-31&${query}`)).json();
};

describe('complaint rate per service volume', () => {
  it('has none without volumes, then complaints per 10,000 of each measure supplied', async () => {
    for (let i = 0; i < 42; i++)
      await complaintWith(stores().store, {
        receivedAt: '2026-10-05T02:00:00.000Z',
        branchId: i < 30 ? 'east-1' : 'east-2',
      });
    expect((await kpis('branchId=east-1')).complaintRates).toEqual([]);
    expect((await volume('east-1', 'customers', 120_000)).statusCode).toBe(200);
    expect((await volume('east-2', 'customers', 60_000)).statusCode).toBe(200);
    expect((await volume('east-1', 'accounts', 8_000)).statusCode).toBe(200);
    expect((await kpis('branchId=east-1')).complaintRates).toEqual([
      { measure: 'customers', volume: 120_000, per: 10_000, rate: 2.5 },
      { measure: 'accounts', volume: 8_000, per: 1_000, rate: 3.75 },
    ]);
    expect((await kpis('branchId=east')).complaintRates).toEqual([
      { measure: 'customers', volume: 180_000, per: 10_000, rate: 2.33 },
      { measure: 'accounts', volume: 8_000, per: 1_000, rate: 5.25 },
    ]);
    expect((await volume('east', 'customers', 200_000)).statusCode).toBe(200);
    expect((await kpis('branchId=east')).complaintRates[0]).toEqual({
      measure: 'customers',
      volume: 200_000,
      per: 10_000,
      rate: 2.1,
    });
  });

  it('lists volumes, records each as an event once, and checks what it is given', async () => {
    const listed = (await get('analyst1', '/api/v1/analytics/volumes')).json();
    expect(listed.items).toContainEqual({
      unitId: 'east-1',
      month: '2026-10',
      measure: 'customers',
      volume: 120_000,
    });
    const before = (await stores().store.readStream('analytics-volumes-demo')).length;
    expect((await volume('east-1', 'customers', 120_000)).statusCode).toBe(200);
    expect((await stores().store.readStream('analytics-volumes-demo')).length).toBe(before);
    expect((await volume('nowhere', 'customers', 1)).statusCode).toBe(400);
    expect((await volume('east-1', 'visits', 1)).statusCode).toBe(400);
    expect((await volume('east-1', 'customers', -1)).statusCode).toBe(400);
    expect((await volume('east-1', 'customers', 1, 'analyst1')).statusCode).toBe(403);
  });
});
