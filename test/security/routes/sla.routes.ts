import { routeCases } from '../route-matrix.test-support';
import { freshComplaint } from '../seed.test-support';

/*
 * The SLA service's routes. The settings are the caller's own tenant's (another tenant's admin
 * reads and changes its own). An extension request for the acknowledgement, which no pack lets
 * anyone extend, and a decision with none pending are 409 for every role that works complaints
 * (whether or not the clocks have started yet); admins, agents and readers are 403.
 */
// prettier-ignore
const grid = {
  //                                                        adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'GET /api/v1/sla/policy':                                'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/sla/policy':                                'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/sla/calendars/{year}':                      'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/sla/calendars/{year}':                      'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/complaints/{id}/sla/extension-requests':   '403 403 403 409 409 409 409 403 403 403 403 401',
  'POST /api/v1/complaints/{id}/sla/extension-decisions':  '403 403 403 409 409 409 409 403 403 403 403 401',
};

export const slaRoutes = routeCases(grid, {
  'GET /api/v1/sla/policy': async () => ({ method: 'GET', url: '/api/v1/sla/policy' }),
  'PUT /api/v1/sla/policy': async () => ({
    method: 'PUT',
    url: '/api/v1/sla/policy',
    payload: { defaultPackId: 'seeds-default', selections: [], overrides: [] },
  }),
  'GET /api/v1/sla/calendars/{year}': async () => ({ method: 'GET', url: '/api/v1/sla/calendars/2026' }),
  'PUT /api/v1/sla/calendars/{year}': async () => ({
    method: 'PUT',
    url: '/api/v1/sla/calendars/2027',
    payload: { holidays: ['2027-10-01'], workdays: [], source: '国务院办公厅通知' },
  }),
  'POST /api/v1/complaints/{id}/sla/extension-requests': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await freshComplaint(t)}/sla/extension-requests`,
    payload: { milestone: 'acknowledge', extendBy: { amount: 1, unit: 'hours' }, reason: '客户要求延后回复' },
  }),
  'POST /api/v1/complaints/{id}/sla/extension-decisions': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await freshComplaint(t)}/sla/extension-decisions`,
    payload: { approved: true },
  }),
});
