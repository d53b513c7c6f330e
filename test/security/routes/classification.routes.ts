import { ModelTraining } from '@kesu/classification';
import { routeCases, type RouteRequest } from '../route-matrix.test-support';

/*
 * Classification's routes. The tenant's settings are everyone's to read and an administrator's to
 * change, each tenant its own (another tenant's administrator reads and changes its own tenant's
 * defaults, and trains its own model: too few examples, 422); corrections, incidents, examples and
 * models act on the demo tenant's data of east-1. Merging again into the same incident, taking the
 * member out again and activating the active model again change nothing and answer the same.
 */
// prettier-ignore
const grid = {
  //                                                                         adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/complaints/{id}/classify':                                  'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/classification/taxonomy':                                    'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'PUT /api/v1/classification/taxonomy':                                    'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/classification/rules':                                       'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'PUT /api/v1/classification/rules':                                       'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/classification/settings':                                    'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'PUT /api/v1/classification/settings':                                    'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/classification/rules/dry-run':                              'ok  403 403 403 ok  ok  ok  ok  403 403 ok  401',
  'GET /api/v1/classification/incidents':                                   'ok  403 403 ok  ok  ok  ok  ok  ok  403 ok  401',
  'GET /api/v1/classification/incidents/{id}':                              'ok  403 403 ok  ok  ok  ok  ok  ok  403 404 401',
  'POST /api/v1/classification/incidents/{id}/merge':                       'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/classification/incidents/{id}/members/{complaintId}/removal':'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/classification/training-examples':                           'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/classification/training-examples':                          'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/classification/training-examples/{id}/removal':             'ok  403 403 403 403 403 403 403 403 403 404 401',
  'GET /api/v1/classification/models':                                      'ok  403 403 403 ok  403 ok  ok  ok  403 ok  401',
  'POST /api/v1/classification/models':                                     'ok  403 403 403 403 403 403 403 403 403 422 401',
  'POST /api/v1/classification/models/{version}/activation':                'ok  403 403 403 403 403 403 403 403 403 404 401',
};

const REASON = '复核后调整。';

const get =
  (url: string): RouteRequest =>
  async () => ({ method: 'GET', url });

const post =
  (url: string, payload: object): RouteRequest =>
  async () => ({ method: 'POST', url, payload });

/** A setting put back as it stands (read as the caller's own tenant's administrator), with a reason. */
const putBack =
  (path: string): RouteRequest =>
  async (as, _seeded, t) => {
    const url = `/api/v1/classification/${path}`;
    const reply = await t.send(as === 'other' ? 'other' : 'admin', { method: 'GET', url });
    const { version: _version, revision: _revision, ...current } = reply.json() as Record<string, unknown>;
    return { method: 'PUT', url, payload: { ...current, reason: REASON } };
  };

export const classificationRoutes = routeCases(grid, {
  'POST /api/v1/complaints/{id}/classify': async (_as, seeded) => ({
    method: 'POST',
    url: `/api/v1/complaints/${seeded.byBranch['east-1']!.complaintId}/classify`,
    payload: { category: 'service_attitude', severity: 'minor', reason: '营业员服务态度问题' },
  }),
  'GET /api/v1/classification/taxonomy': get('/api/v1/classification/taxonomy'),
  'PUT /api/v1/classification/taxonomy': putBack('taxonomy'),
  'GET /api/v1/classification/rules': get('/api/v1/classification/rules'),
  'PUT /api/v1/classification/rules': putBack('rules'),
  'GET /api/v1/classification/settings': get('/api/v1/classification/settings'),
  'PUT /api/v1/classification/settings': putBack('settings'),
  'POST /api/v1/classification/rules/dry-run': post('/api/v1/classification/rules/dry-run', {
    text: '二十户居民联名投诉电费翻倍，要到市政府信访',
    complainantCount: 20,
  }),
  'GET /api/v1/classification/incidents': get('/api/v1/classification/incidents'),
  'GET /api/v1/classification/incidents/{id}': async (_as, { incidents }) => ({
    method: 'GET',
    url: `/api/v1/classification/incidents/${incidents.survivor}`,
  }),
  'POST /api/v1/classification/incidents/{id}/merge': async (_as, { incidents }) => ({
    method: 'POST',
    url: `/api/v1/classification/incidents/${incidents.merged}/merge`,
    payload: { into: incidents.survivor, reason: '同属一次电费异常' },
  }),
  'POST /api/v1/classification/incidents/{id}/members/{complaintId}/removal': async (_as, seeded) => ({
    method: 'POST',
    url: `/api/v1/classification/incidents/${seeded.incidents.curated}/members/${seeded.curatedMember}/removal`,
    payload: { reason: '与该事件无关' },
  }),
  'GET /api/v1/classification/training-examples': get('/api/v1/classification/training-examples?limit=100'),
  'POST /api/v1/classification/training-examples': post('/api/v1/classification/training-examples', {
    examples: [{ text: '营业厅的空调坏了一个月也没人修', category: 'facilities_equipment' }],
  }),
  'POST /api/v1/classification/training-examples/{id}/removal': async (_as, seeded) => ({
    method: 'POST',
    url: `/api/v1/classification/training-examples/${seeded.exampleIds[0]}/removal`,
    payload: { reason: '标注错误' },
  }),
  'GET /api/v1/classification/models': get('/api/v1/classification/models'),
  'POST /api/v1/classification/models': async (_as, _seeded, t) => {
    await t.app.get(ModelTraining).idle('demo');
    return { method: 'POST', url: '/api/v1/classification/models', payload: {} };
  },
  'POST /api/v1/classification/models/{version}/activation': post(
    '/api/v1/classification/models/1/activation',
    { reason: '回滚到第一版' },
  ),
});
