import { routeCases, type RouteRequest } from '../route-matrix.test-support';
import { freshComplaint } from '../seed.test-support';

/*
 * Follow-up's routes, on new complaints of east-1 that case work has not resolved: every caller with
 * the authority reaches the follow-up and is told the lifecycle's answer (409: nothing resolved to call
 * back, reopen or re-review; no re-review to decide), a supervisor's closing is taken (202); agent2
 * (west-1) and another tenant find nothing (404). Survey links are answered without a login and a link
 * that is not signed is unknown to everyone (404). Settings and templates are read by admins,
 * supervisors, branch managers and directors and changed by admins, each tenant its own.
 */
// prettier-ignore
const grid = {
  //                                                              adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/complaints/{id}/surveys':                        '409 409 404 409 409 409 409 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/reopen':                         '409 409 404 409 409 409 409 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/review-requests':                '409 409 404 409 409 409 409 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/review-decision':                '409 403 403 403 409 409 409 403 403 403 404 401',
  'POST /api/v1/complaints/{id}/close':                          'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/complaints/{id}/follow-up':                       'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/surveys/{token}':                                 '404 404 404 404 404 404 404 404 404 404 404 404',
  'POST /api/v1/surveys/{token}':                                '404 404 404 404 404 404 404 404 404 404 404 404',
  'GET /api/v1/follow-up/settings':                              'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/follow-up/settings':                              'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/follow-up/templates':                             'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/follow-up/templates/{kind}/{language}':           'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/follow-up/templates/{kind}/{language}/preview':  'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
};

const action =
  (path: string, payload: object): RouteRequest =>
  async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await freshComplaint(t)}/${path}`,
    payload,
  });

/** A well-formed token no key signed. */
const UNSIGNED = 'A'.repeat(64);
const settings = '/api/v1/follow-up/settings';
const template = '/api/v1/follow-up/templates/resolution_notice/zh-CN';

export const followUpRoutes = routeCases(grid, {
  'POST /api/v1/complaints/{id}/surveys': action('surveys', { reached: false, note: '无人接听' }),
  'POST /api/v1/complaints/{id}/reopen': action('reopen', { reason: 'unsatisfied' }),
  'POST /api/v1/complaints/{id}/review-requests': action('review-requests', { reason: '赔偿金额不足' }),
  'POST /api/v1/complaints/{id}/review-decision': action('review-decision', {
    outcome: 'upheld',
    explanation: '维持原处理意见。',
  }),
  'POST /api/v1/complaints/{id}/close': action('close', {
    outcome: 'resolved',
    summary: '已与客户达成一致。',
  }),
  'GET /api/v1/complaints/{id}/follow-up': async (_as, seeded) => ({
    method: 'GET',
    url: `/api/v1/complaints/${seeded.byBranch['east-1']!.complaintId}/follow-up`,
  }),
  'GET /api/v1/surveys/{token}': async () => ({ method: 'GET', url: `/api/v1/surveys/${UNSIGNED}` }),
  'POST /api/v1/surveys/{token}': async () => ({
    method: 'POST',
    url: `/api/v1/surveys/${UNSIGNED}`,
    payload: { satisfaction: 'satisfied' },
  }),
  'GET /api/v1/follow-up/settings': async () => ({ method: 'GET', url: settings }),
  // The settings in force put back (read as the caller's own tenant's administrator).
  'PUT /api/v1/follow-up/settings': async (as, _seeded, t) => {
    const reply = await t.send(as === 'other' ? 'other' : 'admin', { method: 'GET', url: settings });
    const { settings: current, revision } = reply.json() as { settings: object; revision: number };
    return {
      method: 'PUT',
      url: settings,
      payload: current,
      headers: { 'if-match': revision < 0 ? '*' : String(revision) },
    };
  },
  'GET /api/v1/follow-up/templates': async () => ({ method: 'GET', url: '/api/v1/follow-up/templates' }),
  'PUT /api/v1/follow-up/templates/{kind}/{language}': async () => ({
    method: 'PUT',
    url: template,
    payload: { subject: '投诉处理结果 {{reference}}', text: '您的投诉已处理：{{summary}}' },
  }),
  'POST /api/v1/follow-up/templates/{kind}/{language}/preview': async () => ({
    method: 'POST',
    url: `${template}/preview`,
    payload: {},
  }),
});
