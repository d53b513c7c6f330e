import { ASSIGNEE_ID, BECAUSE, dispatchedComplaint } from '../assignment-seed.test-support';
import { routeCases, type RouteRequest } from '../route-matrix.test-support';
import type { SecurityApp } from '../security-app.test-support';

/*
 * Dispatch: the routing policy (read and dry run by admins, supervisors, branch managers and
 * directors, changed by admins, each tenant its own), the work queues (handling roles, within their
 * units), and the case holder's actions on a new complaint of east-1 held by handler1: only the
 * assignee accepts or returns it; the holder or a supervisor transfers it; supervisors assign it.
 * agent2 (west-1) and another tenant find no complaint of east-1 (404).
 */
// prettier-ignore
const grid = {
  //                                                         adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'GET /api/v1/assignments/routing':                        'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/assignments/routing':                        'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/assignments/routing/dry-run':               'ok  403 403 403 ok  ok  ok  403 403 403 400 401',
  'GET /api/v1/assignments/queues/mine':                    'ok  403 403 ok  ok  ok  ok  403 403 403 ok  401',
  'GET /api/v1/assignments/queues/team':                    'ok  403 403 ok  ok  ok  ok  403 403 403 ok  401',
  'GET /api/v1/assignments/queues/departments/{departmentId}':'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/assignment/accept':         '403 403 403 ok  403 403 403 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/assignment/return':         '403 403 403 ok  403 403 403 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/transfer':                  'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/assign':                    'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
};

const routing = '/api/v1/assignments/routing';

const get =
  (url: string): RouteRequest =>
  async () => ({ method: 'GET', url });

/** An action on a new complaint held by handler1. */
const held =
  (path: string, payload: object): RouteRequest =>
  async (_as, _seeded, t: SecurityApp) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await dispatchedComplaint(t)}/${path}`,
    payload,
  });

export const assignmentRoutes = routeCases(grid, {
  'GET /api/v1/assignments/routing': get(routing),
  // The policy in force put back (read as the caller's own tenant's administrator): records nothing.
  'PUT /api/v1/assignments/routing': async (as, _seeded, t) => {
    const reply = await t.send(as === 'other' ? 'other' : 'admin', { method: 'GET', url: routing });
    const { policy } = reply.json() as { policy: Record<string, unknown> };
    const { rules, fallback, severityWeights, maxTransfers, levelHolders } = policy;
    return {
      method: 'PUT',
      url: routing,
      payload: { rules, fallback, severityWeights, maxTransfers, levelHolders, ...BECAUSE },
    };
  },
  'POST /api/v1/assignments/routing/dry-run': async () => ({
    method: 'POST',
    url: `${routing}/dry-run`,
    payload: {
      complaint: { category: 'service_attitude', severity: 'minor', channel: 'hotline', branchId: 'east-1' },
    },
  }),
  'GET /api/v1/assignments/queues/mine': get('/api/v1/assignments/queues/mine'),
  'GET /api/v1/assignments/queues/team': get('/api/v1/assignments/queues/team'),
  'GET /api/v1/assignments/queues/departments/{departmentId}': get(
    '/api/v1/assignments/queues/departments/east-1-cs',
  ),
  'POST /api/v1/complaints/{id}/assignment/accept': held('assignment/accept', {}),
  'POST /api/v1/complaints/{id}/assignment/return': held('assignment/return', {
    reason: '该投诉涉及计量，不属于客服部。',
  }),
  'POST /api/v1/complaints/{id}/transfer': held('transfer', {
    departmentId: 'east-1-tech',
    reason: '涉及设备故障，转技术部。',
  }),
  'POST /api/v1/complaints/{id}/assign': held('assign', {
    assigneeId: ASSIGNEE_ID,
    reason: '指定熟悉该客户的处理人。',
  }),
});
