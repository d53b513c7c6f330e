import { routeCases, type RouteRequest } from '../route-matrix.test-support';

/*
 * The platform's own routes: the demo profile's token route and the operations routes are public
 * (/metrics is served on the API port when METRICS_PORT is not set, as here); dead letters are an
 * administrator's, each tenant's own.
 */
// prettier-ignore
const grid = {
  //                                     adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/auth/dev-token':        'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',
  'GET /api/v1/operations/dead-letters':'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/me':                     'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'GET /health/live':                   'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',
  'GET /health/ready':                  'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',
  'GET /metrics':                       'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',
};

const get =
  (url: string): RouteRequest =>
  async () => ({ method: 'GET', url });

export const platformRoutes = routeCases(grid, {
  'POST /api/v1/auth/dev-token': async () => ({
    method: 'POST',
    url: '/api/v1/auth/dev-token',
    payload: { username: 'agent1' },
  }),
  'GET /api/v1/operations/dead-letters': get('/api/v1/operations/dead-letters?topic=complaints.intake.v1'),
  'GET /api/v1/me': get('/api/v1/me'),
  'GET /health/live': get('/health/live'),
  'GET /health/ready': get('/health/ready'),
  'GET /metrics': get('/metrics'),
});
