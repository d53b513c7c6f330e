import {
  type ClassificationTestApp,
  type Received,
  startClassification,
} from '../classification.test-support';
import {
  billComplaint,
  incidentDocuments,
  incidentWith,
  meterComplaint,
  streamOf,
  until,
} from './collective-incidents.test-support';
import type { IncidentDocument } from './incident-list.projection';
import { RECENT_COLLECTION, type RecentComplaintDoc } from './recent-complaints';

/* An incident merged into another: listed and read as such; later complaints join the other one. */

let t: ClassificationTestApp;
let bills: string[];
let a: IncidentDocument;
let b: IncidentDocument;

const receiveAll = async (complaints: readonly Received[]) => (await t.receiveAll(complaints)).ids;
const bill = (i: number) => billComplaint(i, { branchId: 'east-1' });

beforeAll(async () => {
  t = await startClassification();
  const meters = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
  bills = await receiveAll([0, 1, 2, 3, 4].map(bill));
  await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'west-1' })));
  [a, b] = [await incidentWith(t, meters[0]!), await incidentWith(t, bills[0]!)];
  const merge = { into: a.incidentId, reason: '同一批智能电表引起的电费异常' };
  await t.request('supervisor1', 'POST', `/api/v1/classification/incidents/${b.incidentId}/merge`, merge);
  await until(
    async () => (await incidentDocuments(t).get(a.incidentId))!,
    (doc) => doc.complaintCount === 10,
  );
});

afterAll(async () => {
  await t.close();
});

describe('a merged incident', () => {
  it('lists the merged incident with the one it was merged into, and either kind alone', async () => {
    const list = async (query: string) =>
      (
        (
          await t.request('supervisor1', 'GET', `/api/v1/classification/incidents?branchId=east-1${query}`)
        ).json() as { items: IncidentDocument[] }
      ).items;
    const items = await list('');
    expect(items.find((i) => i.incidentId === b.incidentId)).toMatchObject({ mergedInto: a.incidentId });
    expect(items.find((i) => i.incidentId === a.incidentId)).toMatchObject({
      mergedInto: null,
      mergedAt: null,
      complaintCount: 10,
    });
    expect((await list('&merged=true')).map((i) => i.incidentId)).toEqual([b.incidentId]);
    expect((await list('&merged=false')).map((i) => i.incidentId)).toEqual([a.incidentId]);
    const bad = await t.request('supervisor1', 'GET', '/api/v1/classification/incidents?merged=yes');
    expect(bad.statusCode).toBe(400);
  });

  it('opens one incident by its id, within the caller’s scope', async () => {
    const reply = await t.request('handler1', 'GET', `/api/v1/classification/incidents/${b.incidentId}`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      incidentId: b.incidentId,
      mergedInto: a.incidentId,
      complaintCount: 5,
    });
    expect(reply.json()).not.toHaveProperty('revision');
    const west = (await incidentDocuments(t).find({ tenantId: 'demo', branchId: 'west-1' })).items[0]!;
    const open = (as: string, id: string) => t.request(as, 'GET', `/api/v1/classification/incidents/${id}`);
    expect((await open('supervisor1', west.incidentId)).statusCode).toBe(404);
    expect((await open('director1', west.incidentId)).statusCode).toBe(200);
    expect((await open('supervisor1', 'nope')).statusCode).toBe(400);
    expect((await open('agent1', b.incidentId)).statusCode).toBe(403);
  });

  it('joins a later complaint about the merged target to the surviving incident', async () => {
    // as a replica that has not seen the move yet holds the recent index: the merged incident's
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    for (const doc of await recent.getMany(bills)) await recent.put({ ...doc, incidentId: b.incidentId });
    const [later] = await receiveAll([bill(2)]);
    expect(await streamOf(t, b.incidentId)).toHaveLength(2);
    const [join] = (await streamOf(t, a.incidentId)).slice(6);
    expect(join!.data).toMatchObject({ complaintId: later, complaintCount: 11 });
  });

  it('sends a join decided on a stale view of the merged incident to the surviving one', async () => {
    // the recent index and the incident's document as a replica might still hold them mid-merge
    const stale = {
      ...(await incidentDocuments(t).get(b.incidentId))!,
      revision: 0,
      mergedInto: null,
      mergedAt: null,
    };
    await incidentDocuments(t).put(stale);
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    for (const doc of await recent.getMany(bills)) await recent.put({ ...doc, incidentId: b.incidentId });

    const [later] = await receiveAll([bill(3)]);
    expect(await streamOf(t, b.incidentId)).toHaveLength(2);
    const [join] = (await streamOf(t, a.incidentId)).slice(7);
    expect(join!.data).toMatchObject({ complaintId: later, complaintCount: 12 });
    expect(await incidentDocuments(t).get(b.incidentId)).toMatchObject({
      mergedInto: a.incidentId,
      revision: 1,
    });
  });
});

describe('a change decided on a revision the incident has moved past', () => {
  const post = (url: string, body: object, headers: Record<string, string>) =>
    t.app.getHttpAdapter().getInstance().inject({ method: 'POST', url, payload: body, headers });

  it('is refused with 412 at a stale If-Match, and recorded at the current one', async () => {
    const token = await tokenOf('supervisor1');
    const opened = await t.request('supervisor1', 'GET', `/api/v1/classification/incidents/${a.incidentId}`);
    const etag = opened.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);
    const url = `/api/v1/classification/incidents/${a.incidentId}/members/${bills[0]}/removal`;
    const auth = { authorization: `Bearer ${token}` };
    const stale = await post(url, { reason: '不同小区' }, { ...auth, 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(await streamOf(t, a.incidentId)).toHaveLength(Number(etag.slice(1, -1)) + 1);
    const current = await post(url, { reason: '不同小区' }, { ...auth, 'if-match': etag });
    expect(current.statusCode).toBe(200);
    expect(current.headers.etag).toBe(`"${Number(etag.slice(1, -1)) + 1}"`);
  });
});

async function tokenOf(username: string): Promise<string> {
  const reply = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } });
  return (reply.json() as { accessToken: string }).accessToken;
}
