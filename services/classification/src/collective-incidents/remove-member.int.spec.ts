import {
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
} from '@kesu/classification-contracts';
import {
  type ClassificationTestApp,
  type Received,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from '../classify/classify.worker';
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

/* A supervisor takes a complaint that is not about an incident's matter out of it. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const receiveAll = async (complaints: readonly Received[]) => (await t.receiveAll(complaints)).ids;
const meter = (i: number, extra: Partial<Received> = {}) =>
  meterComplaint(i, { branchId: 'east-2', ...extra });
const recentOf = async (id: string) =>
  (await t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION).getMany([id]))[0]!;

describe('taking a complaint out of a collective incident', () => {
  const removal = (
    as: string,
    incidentId: string,
    complaintId: string,
    body: object = { reason: '与电表无关' },
  ) =>
    t.request(
      as,
      'POST',
      `/api/v1/classification/incidents/${incidentId}/members/${complaintId}/removal`,
      body,
    );
  let ids: string[];
  let e: IncidentDocument;

  beforeAll(async () => {
    // five complaints at east-2 make an incident, a sixth joins it (as many residents as it names)
    ids = await receiveAll([0, 1, 2, 3, 4].map((i) => meter(i)));
    ids.push(...(await receiveAll([meter(2, { complainantCount: 3 })])));
    e = await until(
      () => incidentWith(t, ids[0]!),
      (doc) => doc.complaintCount === 6,
    );
  });

  it('refuses bad input, callers without the role, incidents and complaints not found, changing nothing', async () => {
    const blank = await removal('supervisor1', e.incidentId, ids[1]!, { reason: ' ', extra: true });
    expect(blank.statusCode).toBe(400);
    expect((blank.json() as { errors: { field: string }[] }).errors.map((x) => x.field)).toEqual(
      expect.arrayContaining(['reason']),
    );
    expect((await removal('supervisor1', e.incidentId, 'not-a-uuid')).statusCode).toBe(400);
    expect((await removal('supervisor1', 'nope', ids[1]!)).statusCode).toBe(400);
    expect((await removal('handler1', e.incidentId, ids[1]!)).statusCode).toBe(403);
    expect((await removal('manager1', e.incidentId, ids[1]!)).statusCode).toBe(404);
    const stranger = await removal('supervisor1', e.incidentId, '00000000-0000-4000-8000-000000000000');
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ detail: expect.stringContaining('not a member') });
    expect(await streamOf(t, e.incidentId)).toHaveLength(2);
  });

  it('takes out a complaint it was detected with and one that joined, with the totals after each', async () => {
    const first = await removal('supervisor1', e.incidentId, ids[1]!);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      complaintCount: 5,
      complainantCount: 7,
      removedComplaintIds: [ids[1]],
    });
    const second = await removal('supervisor1', e.incidentId, ids[5]!, { reason: '不同小区的电表' });
    expect(second.json()).toMatchObject({ complaintCount: 4, complainantCount: 4 });
    expect((second.json() as IncidentDocument).complaintIds).toEqual([ids[0], ids[2], ids[3], ids[4]]);

    const [, , removed] = await streamOf(t, e.incidentId);
    expect(removed).toMatchObject({
      type: 'ComplaintRemovedFromCollectiveIncident',
      actor: { kind: 'user', id: 'user-supervisor1' },
    });
    expect(removed!.data as ComplaintRemovedFromCollectiveIncidentData).toMatchObject({
      complaintId: ids[1],
      leavingComplainantCount: 1,
      complaintCount: 5,
      complainantCount: 7,
      reason: '与电表无关',
      removedBy: 'user-supervisor1',
    });
    expect((await recentOf(ids[1]!)).incidentId).toBeUndefined();

    // classified again with its own complainants, caused by the removal
    const events = await t.classified(ids[1]!, 3);
    expect(events.at(-1)).toMatchObject({ type: 'ComplaintClassified', causationId: removed!.eventId });
    expect((events.at(-1)!.data as ComplaintClassifiedData).scope).toBe('individual');
  });

  it('records nothing for the same removal again, and never lets the complaint join again', async () => {
    const again = await removal('supervisor1', e.incidentId, ids[1]!);
    expect(again.statusCode).toBe(200);
    expect(await streamOf(t, e.incidentId)).toHaveLength(4);

    // a redelivery of the removed complaint, and a new complaint like it: only the new one joins
    const received = (await t.store.readStream(`intake-complaint-${ids[1]}`))[0]!;
    const [later] = await receiveAll([meter(1)]);
    await t.app.get(ClassifyWorker).apply(received);
    const joins = (await streamOf(t, e.incidentId)).slice(4);
    expect(joins.map((x) => (x.data as ComplaintJoinedCollectiveIncidentData).complaintId)).toEqual([later]);
    expect((await recentOf(ids[1]!)).incidentId).toBeUndefined();
  });

  it('refuses a removal from a merged incident: its complaints are the other one’s', async () => {
    // two incidents at east-1, within supervisor1's scope, one merged into the other
    const meters = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
    const bills = await receiveAll([0, 1, 2, 3, 4].map((i) => billComplaint(i, { branchId: 'east-1' })));
    const [a, b] = [await incidentWith(t, meters[0]!), await incidentWith(t, bills[0]!)];
    const merge = { into: a.incidentId, reason: '同一事件' };
    await t.request('supervisor1', 'POST', `/api/v1/classification/incidents/${b.incidentId}/merge`, merge);
    const { items } = await incidentDocuments(t).find({
      tenantId: 'demo',
      branchId: 'east-1',
      mergedInto: { $ne: null },
    });
    expect(items).toHaveLength(1);
    const [merged] = items;
    const reply = await removal('supervisor1', merged!.incidentId, merged!.complaintIds[0]!);
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: 'incident.merged' });
  });
});
