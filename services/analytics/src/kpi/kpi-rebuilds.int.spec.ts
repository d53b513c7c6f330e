import { get, provider, send, stores, useAnalyticsApp } from '../analytics.test-support';
import { buildName, KpiBuilds } from './kpi-builds';
import { KpiRollupStore } from './kpi-rollup-store';
import { complaintWith, rolledUp } from './kpi.test-support';

/* Rebuilds of the KPI rollups over HTTP: started beside the live build, followed, switched over. */

useAnalyticsApp();

const builds = () => provider<KpiBuilds>(KpiBuilds);
const settled = () =>
  rolledUp(
    stores().store,
    () => builds().readable(),
    (build) => provider<KpiRollupStore>(KpiRollupStore).position(build),
  );

describe('/api/v1/analytics/rollups', () => {
  it('starts a rebuild beside the live build, shows its progress, and switches over once caught up', async () => {
    for (let i = 0; i < 20; i++)
      await complaintWith(stores().store, { receivedAt: '2026-10-05T02:00:00.000Z', branchId: 'west-1' });
    await settled();
    const before = await get('admin', '/api/v1/analytics/rollups');
    expect(before.json()).toMatchObject({ live: buildName(1), building: null });
    const kpis = (await get('analyst1', '/api/v1/analytics/kpis?from=2026-10-01&to=2026-10-31')).json();

    const started = await send('admin', 'POST', '/api/v1/analytics/rollups/rebuilds', {
      reason: 'fold fixed',
    });
    expect([started.statusCode, started.json().live]).toEqual([202, buildName(1)]);
    expect([null, buildName(2)]).toContain(started.json().building?.build ?? null);
    for (let waited = 0; (await builds().state()).live !== buildName(2); waited += 20) {
      if (waited > 60_000) throw new Error('the rebuild did not switch over');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = (await get('admin', '/api/v1/analytics/rollups')).json();
    expect(after).toMatchObject({ live: buildName(2), building: null, switchedAt: expect.any(String) });
    expect((await get('analyst1', '/api/v1/analytics/kpis?from=2026-10-01&to=2026-10-31')).json()).toEqual(
      kpis,
    );
  });

  it('runs one rebuild at a time', async () => {
    await builds().startBuild();
    const running = (await get('admin', '/api/v1/analytics/rollups')).json();
    expect(running.building).toMatchObject({ build: buildName(3), position: 0 });
    const again = await send('admin', 'POST', '/api/v1/analytics/rollups/rebuilds', { reason: 'fold fixed' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'rollups.rebuild_running']);
  });

  it('is for administrators', async () => {
    expect((await get('analyst1', '/api/v1/analytics/rollups')).statusCode).toBe(403);
    expect(
      (await send('analyst1', 'POST', '/api/v1/analytics/rollups/rebuilds', { reason: 'fold fixed' }))
        .statusCode,
    ).toBe(403);
  });
});
