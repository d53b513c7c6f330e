import { routeCases, type RouteRequest } from '../route-matrix.test-support';
import { complaintBody, erasureRequest, register } from '../seed.test-support';

/*
 * Data subjects' rights: an administrator's, acting for the person. Each caller asks for the erasure
 * of a person of their own, with one complaint of east-1; another tenant's administrator finds nobody
 * of the demo tenant (the erasure and the export name no complaint) and no erasure request of it.
 */
// prettier-ignore
const grid = {
  //                                                   adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/privacy/erasure-requests':             'ok  403 403 403 403 403 403 403 403 403 ok  401',
  'GET /api/v1/privacy/erasure-requests/{requestId}':  'ok  403 403 403 403 403 403 403 403 403 404 401',
  'POST /api/v1/privacy/access-requests':              'ok  403 403 403 403 403 403 403 403 403 ok  401',
};

const url = '/api/v1/privacy';

const erasure: RouteRequest = async (_as, _seeded, t) => {
  const body = complaintBody({ branchId: 'east-1', contact: 'phone' });
  const { complaintId } = await register(t, body);
  return { method: 'POST', url: `${url}/erasure-requests`, payload: erasureRequest(complaintId, body) };
};

export const privacyRoutes = routeCases(grid, {
  'POST /api/v1/privacy/erasure-requests': erasure,
  'GET /api/v1/privacy/erasure-requests/{requestId}': async (_as, seeded) => ({
    method: 'GET',
    url: `${url}/erasure-requests/${seeded.erasureRequestId}`,
  }),
  'POST /api/v1/privacy/access-requests': async (_as, seeded) => ({
    method: 'POST',
    url: `${url}/access-requests`,
    payload: { complaintIds: [seeded.byBranch['east-1']!.complaintId] },
  }),
});
