import { createHash } from 'node:crypto';
import { BECAUSE } from '../assignment-seed.test-support';
import { caseAt, type CaseStage, caseWithPhoto, PHOTO } from '../case-seed.test-support';
import { routeCases, type RouteRequest } from '../route-matrix.test-support';

/*
 * Case work on new complaints of east-1 held and accepted by handler1 (also the head of customer
 * service): handlers, supervisors, branch managers and directors work a case within their units; an
 * admin reads it but works none (403). A ¥5,000 proposal of handler1's is approved by a branch manager
 * or a director — not by handler1 (their own) nor supervisor1 (no authority). Agents, analysts and
 * regulators have no case work (403); another tenant finds nothing of east-1 (404). The case
 * settings (authority limits, root causes) are read and tried by admins, supervisors, branch managers
 * and directors, changed by admins, each tenant its own.
 */
// prettier-ignore
const grid = {
  //                                                         adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'GET /api/v1/complaints/{id}/case':                       'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/complaints/{id}/case/file':                  'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/investigation':             '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/notes':                     '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/evidence':                  '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/evidence/files':            '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/complaints/{id}/evidence/{sha256}':          'ok  403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/contacts':                  '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/waiting':                   '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/waiting/end':               '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/findings':                  '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/resolution-proposals':      '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/resolution-proposals/revisions':'403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/approvals':                 '403 403 403 403 403 ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/negotiation/offers':        '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/negotiation/responses':     '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/referrals':                 '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/execution':                 '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/complaints/{id}/resolve':                   '403 403 403 ok  ok  ok  ok  403 403 403 404 401',
  'GET /api/v1/approvals':                                  'ok  403 403 ok  ok  ok  ok  403 403 403 ok  401',
  'GET /api/v1/assignments/case-settings':                  'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
  'PUT /api/v1/assignments/case-settings':                  'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'POST /api/v1/assignments/case-settings/dry-run':         'ok  403 403 403 ok  ok  ok  403 403 403 ok  401',
};

const caseSettings = '/api/v1/assignments/case-settings';

/** An action on a new case at a stage. */
const at =
  (stage: CaseStage, action: string, payload: object): RouteRequest =>
  async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await caseAt(t, stage)}/${action}`,
    payload,
  });

export const caseRoutes = routeCases(grid, {
  'GET /api/v1/complaints/{id}/case': async (_as, _seeded, t) => ({
    method: 'GET',
    url: `/api/v1/complaints/${await caseAt(t, 'finding')}/case`,
  }),
  'GET /api/v1/complaints/{id}/case/file': async (_as, _seeded, t) => ({
    method: 'GET',
    url: `/api/v1/complaints/${await caseWithPhoto(t)}/case/file`,
  }),
  'POST /api/v1/complaints/{id}/investigation': at('accepted', 'investigation', { plan: '调取叫号系统日志' }),
  'POST /api/v1/complaints/{id}/notes': at('accepted', 'notes', { text: '已致电客户说明进度' }),
  'POST /api/v1/complaints/{id}/evidence': at('accepted', 'evidence', {
    referenceType: 'service_log',
    reference: 'QUEUE-LOG-1',
  }),
  'POST /api/v1/complaints/{id}/evidence/files': async (_as, _seeded, t) => ({
    method: 'POST',
    url: `/api/v1/complaints/${await caseAt(t, 'accepted')}/evidence/files?fileName=photo.png`,
    payload: PHOTO,
    headers: { 'content-type': 'image/png' },
  }),
  'GET /api/v1/complaints/{id}/evidence/{sha256}': async (_as, _seeded, t) => ({
    method: 'GET',
    url: `/api/v1/complaints/${await caseWithPhoto(t)}/evidence/${createHash('sha256').update(PHOTO).digest('hex')}`,
  }),
  'POST /api/v1/complaints/{id}/contacts': at('accepted', 'contacts', { channel: 'phone', reached: true }),
  'POST /api/v1/complaints/{id}/waiting': at('accepted', 'waiting', { reason: 'external_appraisal' }),
  'POST /api/v1/complaints/{id}/waiting/end': at('waiting', 'waiting/end', {}),
  'POST /api/v1/complaints/{id}/findings': at('accepted', 'findings', {
    facts: '叫号系统故障',
    rootCause: 'equipment_fault',
    responsibility: 'company_at_fault',
    staffInvolved: [],
  }),
  'POST /api/v1/complaints/{id}/resolution-proposals': at('finding', 'resolution-proposals', {
    remedies: [{ type: 'apology' }],
    rationale: '书面致歉',
  }),
  'POST /api/v1/complaints/{id}/resolution-proposals/revisions': at(
    'rejected',
    'resolution-proposals/revisions',
    {
      remedies: [{ type: 'compensation', amount: 800, currency: 'CNY' }],
      rationale: '按标准赔偿',
    },
  ),
  'POST /api/v1/complaints/{id}/approvals': at('awaiting_approval', 'approvals', { decision: 'approve' }),
  'POST /api/v1/complaints/{id}/negotiation/offers': at('approved', 'negotiation/offers', {}),
  'POST /api/v1/complaints/{id}/negotiation/responses': at('offered', 'negotiation/responses', {
    response: 'counter_offer',
    demand: '要求赔偿五百元',
  }),
  'POST /api/v1/complaints/{id}/referrals': at('declined', 'referrals', {
    to: 'mediation',
    organisation: '人民调解委员会',
  }),
  'POST /api/v1/complaints/{id}/execution': at('agreed', 'execution', {
    references: [
      { type: 'apology', reference: '致歉信' },
      { type: 'refund', reference: 'TX-2' },
    ],
  }),
  'POST /api/v1/complaints/{id}/resolve': at('executed', 'resolve', { summary: '已致歉并退费。' }),
  'GET /api/v1/approvals': async () => ({ method: 'GET', url: '/api/v1/approvals' }),
  'GET /api/v1/assignments/case-settings': async () => ({ method: 'GET', url: caseSettings }),
  // The settings in force put back (read as the caller's own tenant's administrator).
  'PUT /api/v1/assignments/case-settings': async (as, _seeded, t) => {
    const reply = await t.send(as === 'other' ? 'other' : 'admin', { method: 'GET', url: caseSettings });
    const { settings } = reply.json() as { settings: Record<string, unknown> };
    return { method: 'PUT', url: caseSettings, payload: { ...settings, ...BECAUSE } };
  },
  'POST /api/v1/assignments/case-settings/dry-run': async () => ({
    method: 'POST',
    url: `${caseSettings}/dry-run`,
    payload: { remedies: [{ type: 'compensation', amount: 5000, currency: 'CNY' }] },
  }),
});
