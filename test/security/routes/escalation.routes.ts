import { BECAUSE, declaredPlan, escalatedComplaint, loneComplaint } from '../assignment-seed.test-support';
import { routeCases } from '../route-matrix.test-support';
import { freshComplaint } from '../seed.test-support';

/*
 * Escalation and collective-incident plans, on complaints and plans of east-1. Analysts and
 * regulators read only; the escalation is handed back by the level holding it alone (manager1, the branch manager it was escalated to;
 * anyone else 409). The
 * escalation policy is read by admins, supervisors, branch managers and directors and changed by
 * admins, each tenant its own. Plans are declared by supervisors and above, worked by every handling
 * role within its units, closed by their coordinator (director1), a director or an admin. agent2
 * (west-1) and another tenant find nothing of east-1 (404).
 */
// prettier-ignore
const grid = {
  //                                                         adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/complaints/{id}/escalate':                  'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/escalation/hand-back':      '409 409 404 409 409 ok  409 403 403 403 404 401',
  'GET /api/v1/complaints/{id}/escalation':                 'ok  ok  404 ok  ok  ok  ok  ok  ok  403 404 401',
  'GET /api/v1/assignments/escalation-policy':              'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/assignments/escalation-policy':              'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/incident-plans':                            'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/incident-plans':                             'ok  ok  ok  ok  ok  ok  ok  ok  ok  403 ok  401',
  'GET /api/v1/incident-plans/{planId}':                    'ok  ok  404 ok  ok  ok  ok  ok  ok  403 404 401',
  'POST /api/v1/incident-plans/{planId}/steps/{stepId}/done':'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/incident-plans/{planId}/status-reports':    'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/incident-plans/{planId}/close':             'ok  403 404 403 403 403 ok  403 403 403 404 401',
};

const policy = '/api/v1/assignments/escalation-policy';
const plans = '/api/v1/incident-plans';

export const escalationRoutes = routeCases(grid, {
  'POST /api/v1/complaints/{id}/escalate': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await loneComplaint(t)}/escalate`,
    payload: { reason: '客户多次来电，需上级处理。' },
  }),
  'POST /api/v1/complaints/{id}/escalation/hand-back': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await escalatedComplaint(t)}/escalation/hand-back`,
    payload: { note: '已与客户沟通，交回处理人跟进。' },
  }),
  'GET /api/v1/complaints/{id}/escalation': async (_as, seeded) => ({
    method: 'GET',
    url: `/api/v1/complaints/${seeded.assignment.escalatedComplaintId}/escalation`,
  }),
  'GET /api/v1/assignments/escalation-policy': async () => ({ method: 'GET', url: policy }),
  // The policy in force put back (read as the caller's own tenant's administrator): records nothing.
  'PUT /api/v1/assignments/escalation-policy': async (as, _seeded, t) => {
    const reply = await t.send(as === 'other' ? 'other' : 'admin', { method: 'GET', url: policy });
    const { policy: current, revision } = reply.json() as { policy: object; revision: number };
    return {
      method: 'PUT',
      url: policy,
      payload: { ...current, ...BECAUSE },
      headers: { 'if-match': revision < 0 ? '*' : String(revision) },
    };
  },
  'POST /api/v1/incident-plans': async (_as, _seeded, t) => ({
    method: 'POST',
    url: plans,
    payload: { complaintIds: [await freshComplaint(t)], reason: '同一小区多户联名投诉。' },
  }),
  'GET /api/v1/incident-plans': async () => ({ method: 'GET', url: `${plans}?limit=100` }),
  'GET /api/v1/incident-plans/{planId}': async (_as, seeded) => ({
    method: 'GET',
    url: `${plans}/${seeded.assignment.planId}`,
  }),
  'POST /api/v1/incident-plans/{planId}/steps/{stepId}/done': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `${plans}/${await declaredPlan(t)}/steps/separate_room/done`,
    payload: { note: '已安排至接待室。' },
  }),
  'POST /api/v1/incident-plans/{planId}/status-reports': async (_as, seeded) => ({
    method: 'POST',
    url: `${plans}/${seeded.assignment.planId}/status-reports`,
    payload: { text: '已与居民代表沟通，等待计量复核。' },
  }),
  'POST /api/v1/incident-plans/{planId}/close': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `${plans}/${await declaredPlan(t)}/close`,
    payload: { note: '已全部处理完毕。' },
  }),
});
