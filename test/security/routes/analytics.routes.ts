import { routeCases, type RouteRequest } from '../route-matrix.test-support';

/*
 * The complaint views and histories: every role of the tenant reads them within its branches (agent2's
 * is west-1, the complaint read is east-1's); another tenant finds nothing.
 */
// prettier-ignore
const grid = {
  //                                            adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'GET /api/v1/complaints':                    'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'GET /api/v1/complaints/{id}':               'ok  ok  404 ok  ok  ok  ok  ok  ok  403 404 401',
  'GET /api/v1/complaints/{id}/history':       'ok  ok  404 ok  ok  ok  ok  ok  ok  403 404 401',
  'GET /api/v1/complaints/{id}/history/verify':'ok  ok  404 ok  ok  ok  ok  ok  ok  403 404 401',
  'GET /api/v1/audit/export':                  '403 403 403 403 403 403 403 403 ok  403 403 401',
  'GET /api/v1/audit/access-log':              'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/analytics/kpis':                'ok  403 403 403 ok  ok  ok  ok  ok  403 ok  401',
  'GET /api/v1/analytics/reports/monthly':     'ok  403 403 403 ok  ok  ok  ok  ok  403 ok  401',
  'GET /api/v1/analytics/reports/quarterly':   'ok  403 403 403 ok  ok  ok  ok  ok  403 ok  401',
  'POST /api/v1/analytics/reports':            '403 403 403 403 403 403 ok  ok  403 403 403 401',
  'PUT /api/v1/analytics/reports/findings':    '403 403 403 403 403 403 ok  ok  403 403 403 401',
  'GET /api/v1/analytics/returns':             'ok  403 403 403 403 403 ok  ok  ok  403 ok  401',
  'GET /api/v1/analytics/rollups':             'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/analytics/rollups/rebuilds':   'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/analytics/volumes':             'ok  403 403 403 403 403 403 ok  403 403 ok  401',
  'PUT /api/v1/analytics/volumes':             'ok  403 403 403 403 403 403 403 403 403 400 401',
  'GET /api/v1/analytics/settings':            'ok  403 403 403 403 403 ok  ok  403 403 ok  401',
  'PUT /api/v1/analytics/settings':            'ok  403 403 403 403 403 403 403 403 403 ok  401',
};

const east1 =
  (suffix = ''): RouteRequest =>
  async (_as, seeded) => ({
    method: 'GET',
    url: `/api/v1/complaints/${seeded.byBranch['east-1']!.complaintId}${suffix}`,
  });

/** A report of a month long ended, at the demo tenant's HQ. */
const REPORT = { kind: 'monthly', period: '2025-01', branchId: 'hq' };

export const analyticsRoutes = routeCases(grid, {
  'GET /api/v1/complaints': async () => ({ method: 'GET', url: '/api/v1/complaints?limit=100' }),
  'GET /api/v1/complaints/{id}': east1(),
  'GET /api/v1/complaints/{id}/history': east1('/history'),
  'GET /api/v1/complaints/{id}/history/verify': east1('/history/verify'),
  'GET /api/v1/audit/export': async () => ({ method: 'GET', url: '/api/v1/audit/export' }),
  'GET /api/v1/analytics/kpis': async () => ({ method: 'GET', url: '/api/v1/analytics/kpis?groupBy=branch' }),
  'GET /api/v1/analytics/reports/monthly': async () => ({
    method: 'GET',
    url: '/api/v1/analytics/reports/monthly?month=2025-01',
  }),
  'GET /api/v1/analytics/reports/quarterly': async () => ({
    method: 'GET',
    url: '/api/v1/analytics/reports/quarterly?quarter=2025-Q1&lang=en',
    headers: { accept: 'text/csv' },
  }),
  'POST /api/v1/analytics/reports': async () => ({
    method: 'POST',
    url: '/api/v1/analytics/reports',
    payload: REPORT,
  }),
  'PUT /api/v1/analytics/reports/findings': async (_as, _seeded, t) => {
    await t.send('analyst1', { method: 'POST', url: '/api/v1/analytics/reports', payload: REPORT });
    return {
      method: 'PUT',
      url: '/api/v1/analytics/reports/findings',
      payload: { ...REPORT, findings: '送货不及时成为投诉热点。', suggestions: '加强送货管理。' },
    };
  },
  'GET /api/v1/analytics/returns': async () => ({
    method: 'GET',
    url: '/api/v1/analytics/returns?pack=fca-disp1&from=2025-01-01&to=2025-06-30',
  }),
  'GET /api/v1/analytics/rollups': async () => ({ method: 'GET', url: '/api/v1/analytics/rollups' }),
  'POST /api/v1/analytics/rollups/rebuilds': async (as, _seeded, t) => {
    const admin = as === 'other' ? 'other' : 'admin';
    for (let waited = 0; waited < 60_000; waited += 50) {
      const builds = await t.send(admin, { method: 'GET', url: '/api/v1/analytics/rollups' });
      if (builds.json().building === null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
      method: 'POST',
      url: '/api/v1/analytics/rollups/rebuilds',
      payload: { reason: '口径调整后重算' },
    };
  },
  'GET /api/v1/analytics/volumes': async () => ({ method: 'GET', url: '/api/v1/analytics/volumes' }),
  'PUT /api/v1/analytics/volumes': async () => ({
    method: 'PUT',
    url: '/api/v1/analytics/volumes',
    payload: {
      unitId: 'east-1',
      month: '2025-01',
      measure: 'customers',
      volume: 120_000,
    },
  }),
  'GET /api/v1/analytics/settings': async () => ({ method: 'GET', url: '/api/v1/analytics/settings' }),
  'PUT /api/v1/analytics/settings': async () => ({
    method: 'PUT',
    url: '/api/v1/analytics/settings',
    payload: { reportDay: 25, reason: '每月30日前完成统计' },
  }),
  'GET /api/v1/audit/access-log': async () => ({ method: 'GET', url: '/api/v1/audit/access-log?limit=100' }),
});
