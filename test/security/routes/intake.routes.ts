import { routeCases, type RouteRequest } from '../route-matrix.test-support';
import { complaintBody, freshComplaint, GROUNDS, REJECTION, type Step } from '../seed.test-support';

/*
 * Intake's routes. Each action goes to a new complaint of east-1 in the state it needs, so every caller
 * with the authority gets the documented answer; agent2 (west-1) and another tenant get 404. Each
 * registers in a branch of their own; east-1 is no branch of the other tenant (400).
 */
// prettier-ignore
const grid = {
  //                                                adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/complaints':                       'ok  ok  ok  ok  ok  ok  ok  403 403 403 400 401',
  'POST /api/v1/complaints/{id}/confirmations':    'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/accept':           'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/reject':           'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/appeals':          'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/appeals/decision': 'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/withdraw':         'ok  ok  404 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/intake/settings':                   'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/intake/settings':                   'ok  403 403 403 403 403 403 403 403 403 ok  401',
};

/** Rejected by the handler, so that everyone above may decide the appeal (four eyes). */
const REJECTED: Step = ['handler1', 'reject', REJECTION];

const action =
  (path: string, payload: object, ...steps: Step[]): RouteRequest =>
  async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await freshComplaint(t, ...steps)}/${path}`,
    payload,
  });

export const intakeRoutes = routeCases(grid, {
  'POST /api/v1/complaints': async (as) => ({
    method: 'POST',
    url: '/api/v1/complaints',
    payload: complaintBody({ branchId: as === 'agent2' ? 'west-1' : 'east-1', contact: 'phone' }),
  }),
  'POST /api/v1/complaints/{id}/confirmations': action('confirmations', { corrections: { emotion: 'calm' } }),
  'POST /api/v1/complaints/{id}/accept': action('accept', {}),
  'POST /api/v1/complaints/{id}/reject': action('reject', REJECTION),
  'POST /api/v1/complaints/{id}/appeals': action('appeals', GROUNDS, REJECTED),
  'POST /api/v1/complaints/{id}/appeals/decision': action(
    'appeals/decision',
    { outcome: 'overturned', explanation: '经复核，该营业厅由本公司经营，予以受理。' },
    REJECTED,
    ['agent1', 'appeals', GROUNDS],
  ),
  'POST /api/v1/complaints/{id}/withdraw': action('withdraw', {
    reason: '客户来电表示问题已自行解决，撤回投诉。',
  }),
  'GET /api/v1/intake/settings': async () => ({ method: 'GET', url: '/api/v1/intake/settings' }),
  // The tenant's policy as it stands, at the revision read (an administrator's own tenant).
  'PUT /api/v1/intake/settings': async (as, _seeded, t) => {
    const current = await t.send(as === 'other' ? 'other' : 'admin', {
      method: 'GET',
      url: '/api/v1/intake/settings',
    });
    const { policy, revision } = current.json() as { policy: object; revision: number };
    return {
      method: 'PUT',
      url: '/api/v1/intake/settings',
      payload: { ...policy, reason: '年度复核，政策不变。' },
      headers: { 'if-match': revision < 0 ? '*' : String(revision) },
    };
  },
});
