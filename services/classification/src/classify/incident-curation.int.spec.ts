import {
  type CollectiveIncidentMergedData,
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
  incidentStream,
} from '@kesu/classification-contracts';
import {
  type ClassificationTestApp,
  type Received,
  SMART_METER_TEXTS,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from './classify.worker';
import { CollectiveClassifyWorker } from './collective-classify.worker';
import {
  INCIDENT_COLLECTION,
  type IncidentDoc,
  RECENT_COLLECTION,
  type RecentComplaintDoc,
} from './collective-incidents.service';

/*
 * A supervisor merges two collective incidents about one matter, and takes a complaint that is not
 * about an incident's matter out of it: complaints arrive as intake records them, through the relay
 * and the consumers, as in production.
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const BILLS = [
  '这个月的电费账单金额异常，比平时高出三倍，营业厅解释不清楚。',
  '电费账单金额异常偏高，我家用电没有变化，营业厅也解释不清楚。',
  '收到的电费账单金额异常，高出平时好几倍，要求营业厅解释清楚。',
  '电费账单金额异常，突然高出三倍多，营业厅解释不清楚原因。',
  '本月电费账单金额异常偏高，营业厅一直解释不清楚。',
];

const about = (texts: readonly string[], name: string, branchId: string) => (i: number) =>
  ({ description: texts[i % texts.length]!, subject: { type: 'product', name }, branchId }) as Received;
const meter = about(SMART_METER_TEXTS, '智能电表', 'east-1');
const bill = about(BILLS, '电费账单', 'east-1');

const receiveAll = async (complaints: readonly Received[]) => (await t.receiveAll(complaints)).ids;

const incidents = () => t.documents.collection<IncidentDoc>(INCIDENT_COLLECTION);
const incidentOf = async (complaintId: string): Promise<IncidentDoc> => {
  const { items } = await incidents().find({ tenantId: 'demo' });
  return items.find((i) => i.complaintIds.includes(complaintId))!;
};
const streamOf = (incidentId: string) => t.store.readStream(incidentStream(incidentId));

const mergeRequest = (as: string, id: string, body: object) =>
  t.request(as, 'POST', `/api/v1/classification/incidents/${id}/merge`, body);

/** Waits (at most 10 s) until `read` gives what `done` accepts; answers the last read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const limit = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > limit) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('merging collective incidents', () => {
  let meters: string[];
  let bills: string[];
  let a: IncidentDoc;
  let b: IncidentDoc;

  beforeAll(async () => {
    meters = await receiveAll([0, 1, 2, 3, 4].map(meter));
    bills = await receiveAll([0, 1, 2, 3, 4].map(bill));
    a = await incidentOf(meters[0]!);
    b = await incidentOf(bills[0]!);
  });

  it('starts from two incidents at one branch, one per target', () => {
    expect(a.incidentId).not.toBe(b.incidentId);
    expect([...a.complaintIds].sort()).toEqual([...meters].sort());
    expect([...b.complaintIds].sort()).toEqual([...bills].sort());
  });

  it('refuses bad input, naming the field, and changes nothing', async () => {
    const bad = await mergeRequest('supervisor1', b.incidentId, { into: 'nope', reason: ' ', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['into', 'reason']));
    const badId = await mergeRequest('supervisor1', 'not-an-id', { into: a.incidentId, reason: 'same' });
    expect(badId.statusCode).toBe(400);
    expect((badId.json() as { errors: { field: string }[] }).errors[0]!.field).toBe('id');
    expect(await streamOf(b.incidentId)).toHaveLength(1);
  });

  it('refuses callers without a merging role, incidents they cannot see, and a merge into itself', async () => {
    const body = { into: a.incidentId, reason: '同一批电表引起的电费异常' };
    expect((await mergeRequest('handler1', b.incidentId, body)).statusCode).toBe(403);
    expect((await mergeRequest('analyst1', b.incidentId, body)).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await mergeRequest('supervisor1', unknown, body)).statusCode).toBe(404);
    expect((await mergeRequest('supervisor1', b.incidentId, { ...body, into: unknown })).statusCode).toBe(
      404,
    );
    const itself = await mergeRequest('supervisor1', b.incidentId, { ...body, into: b.incidentId });
    expect(itself.statusCode).toBe(409);
    expect(itself.json()).toMatchObject({ code: 'incident.merge_into_itself' });
    // an incident at a branch outside the caller's scope is not found, either way round
    const west = await receiveAll([0, 1, 2, 3, 4].map((i) => ({ ...meter(i), branchId: 'west-1' })));
    const w = await incidentOf(west[0]!);
    expect(
      (await mergeRequest('supervisor1', b.incidentId, { ...body, into: w.incidentId })).statusCode,
    ).toBe(404);
    expect((await mergeRequest('supervisor1', w.incidentId, body)).statusCode).toBe(404);
    expect(await streamOf(b.incidentId)).toHaveLength(1);
    expect(await streamOf(a.incidentId)).toHaveLength(1);
  });

  it('merges one into the other: recorded with who and why, its complaints join the other once each', async () => {
    const reply = await mergeRequest('supervisor1', b.incidentId, {
      into: a.incidentId,
      reason: '同一批智能电表引起的电费异常',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      incidentId: b.incidentId,
      mergedInto: a.incidentId,
      complaintCount: 5,
    });
    const [, merged] = await streamOf(b.incidentId);
    expect(merged).toMatchObject({
      type: 'CollectiveIncidentMerged',
      correlationId: b.incidentId,
      actor: { kind: 'user', id: 'user-supervisor1' },
    });
    expect(merged!.data as CollectiveIncidentMergedData).toMatchObject({
      intoIncidentId: a.incidentId,
      complaintCount: 5,
      complainantCount: 5,
      reason: '同一批智能电表引起的电费异常',
      mergedBy: 'user-supervisor1',
    });

    // the collective consumer moves the members: one join each, caused by the merge
    const survivor = await until(
      async () => (await incidents().get(a.incidentId))!,
      (doc) => doc.complaintCount === 10,
    );
    expect(survivor).toMatchObject({ complaintCount: 10, complainantCount: 10, revision: 5 });
    const stream = await streamOf(a.incidentId);
    const joins = stream.slice(1);
    expect(joins.map((e) => (e.data as ComplaintJoinedCollectiveIncidentData).complaintId).sort()).toEqual(
      [...bills].sort(),
    );
    for (const join of joins) expect(join.causationId).toBe(merged!.eventId);
    expect(joins.at(-1)!.data).toMatchObject({ complaintCount: 10, complainantCount: 10 });
    const recent = await until(
      () => t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION).getMany(bills),
      (docs) => docs.every((d) => d.incidentId === a.incidentId),
    );
    expect(recent.map((d) => d.incidentId)).toEqual(bills.map(() => a.incidentId));

    // each moved complaint is classified again with the surviving incident's complainants
    for (const id of bills) {
      const events = await t.classified(id, 3);
      const join = joins.find((e) => (e.data as ComplaintJoinedCollectiveIncidentData).complaintId === id)!;
      expect(events.at(-1)).toMatchObject({ type: 'ComplaintClassified', causationId: join.eventId });
      expect((events.at(-1)!.data as ComplaintClassifiedData).scope).toBe('collective');
    }

    // the merge delivered again moves nothing twice
    await t.app.get(CollectiveClassifyWorker).apply(merged!);
    expect(await streamOf(a.incidentId)).toHaveLength(6);
  });

  it('answers a repeated merge as it stands and refuses merging it elsewhere or into it', async () => {
    const again = await mergeRequest('supervisor1', b.incidentId, { into: a.incidentId, reason: 'again' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ mergedInto: a.incidentId });
    expect(await streamOf(b.incidentId)).toHaveLength(2);
    const elsewhere = await mergeRequest('supervisor1', a.incidentId, { into: b.incidentId, reason: 'back' });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'incident.target_merged' });
    expect(await streamOf(a.incidentId)).toHaveLength(6);
  });

  it('lists the merged incident with the one it was merged into, and either kind alone', async () => {
    const list = async (query: string) =>
      (
        (
          await t.request('supervisor1', 'GET', `/api/v1/classification/incidents?branchId=east-1${query}`)
        ).json() as {
          items: IncidentDoc[];
        }
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
    const west = (await incidents().find({ tenantId: 'demo', branchId: 'west-1' })).items[0]!;
    expect(
      (await t.request('supervisor1', 'GET', `/api/v1/classification/incidents/${west.incidentId}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request('director1', 'GET', `/api/v1/classification/incidents/${west.incidentId}`)).statusCode,
    ).toBe(200);
    expect((await t.request('supervisor1', 'GET', '/api/v1/classification/incidents/nope')).statusCode).toBe(
      400,
    );
    expect(
      (await t.request('agent1', 'GET', `/api/v1/classification/incidents/${b.incidentId}`)).statusCode,
    ).toBe(403);
  });

  it('joins a later complaint about the merged target to the surviving incident', async () => {
    // as a replica that has not seen the move yet holds the recent index: the merged incident's
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    for (const doc of await recent.getMany(bills)) await recent.put({ ...doc, incidentId: b.incidentId });
    const [later] = await receiveAll([bill(2)]);
    expect(await streamOf(b.incidentId)).toHaveLength(2);
    const [join] = (await streamOf(a.incidentId)).slice(6);
    expect(join!.data).toMatchObject({ complaintId: later, complaintCount: 11 });
  });

  it('sends a join decided on a stale view of the merged incident to the surviving one', async () => {
    // the recent index and the incident's document as a replica might still hold them mid-merge
    const stale = {
      ...(await incidents().get(b.incidentId))!,
      revision: 0,
      mergedInto: null,
      mergedAt: null,
    };
    await incidents().put(stale);
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    for (const doc of await recent.getMany(bills)) await recent.put({ ...doc, incidentId: b.incidentId });

    const [later] = await receiveAll([bill(3)]);
    expect(await streamOf(b.incidentId)).toHaveLength(2);
    const [join] = (await streamOf(a.incidentId)).slice(7);
    expect(join!.data).toMatchObject({ complaintId: later, complaintCount: 12 });
    expect(await incidents().get(b.incidentId)).toMatchObject({ mergedInto: a.incidentId, revision: 1 });
  });
});

describe('merges at once', () => {
  it('decides two crossing merges one after the other: one is recorded, the other refused', async () => {
    const meters = await receiveAll([0, 1, 2, 3, 4].map((i) => ({ ...meter(i), branchId: 'west-2' })));
    const bills = await receiveAll([0, 1, 2, 3, 4].map((i) => ({ ...bill(i), branchId: 'west-2' })));
    const [x, y] = [(await incidentOf(meters[0]!)).incidentId, (await incidentOf(bills[0]!)).incidentId];
    const replies = await Promise.all([
      mergeRequest('director1', x, { into: y, reason: '同一事件' }),
      mergeRequest('director1', y, { into: x, reason: '同一事件' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [one, other] = await Promise.all([incidents().get(x), incidents().get(y)]);
    // exactly one of them was merged, into the other, which stands
    expect([one!.mergedInto, other!.mergedInto].filter((m) => m !== null)).toHaveLength(1);
    const survivor = one!.mergedInto === null ? one! : other!;
    const merged = await until(
      async () => (await incidents().get(survivor.incidentId))!,
      (doc) => doc.complaintCount === 10,
    );
    expect(merged.complaintCount).toBe(10);
  });
});

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
  let e: IncidentDoc;

  beforeAll(async () => {
    // five complaints at east-2 make an incident, a sixth joins it (as many residents as it names)
    ids = await receiveAll([0, 1, 2, 3, 4].map((i) => ({ ...meter(i), branchId: 'east-2' })));
    ids.push(...(await receiveAll([{ ...meter(2), branchId: 'east-2', complainantCount: 3 }])));
    e = await until(
      () => incidentOf(ids[0]!),
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
    expect(await streamOf(e.incidentId)).toHaveLength(2);
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
    expect((second.json() as IncidentDoc).complaintIds).toEqual([ids[0], ids[2], ids[3], ids[4]]);

    const [, , removed] = await streamOf(e.incidentId);
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
    const recent = await t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION).getMany([ids[1]!]);
    expect(recent[0]!.incidentId).toBeUndefined();

    // classified again with its own complainants, caused by the removal
    const events = await t.classified(ids[1]!, 3);
    expect(events.at(-1)).toMatchObject({ type: 'ComplaintClassified', causationId: removed!.eventId });
    expect((events.at(-1)!.data as ComplaintClassifiedData).scope).toBe('individual');
  });

  it('records nothing for the same removal again, and never lets the complaint join again', async () => {
    const again = await removal('supervisor1', e.incidentId, ids[1]!);
    expect(again.statusCode).toBe(200);
    expect(await streamOf(e.incidentId)).toHaveLength(4);

    // a redelivery of the removed complaint, and a new complaint like it: only the new one joins
    const received = (await t.store.readStream(`intake-complaint-${ids[1]}`))[0]!;
    const [later] = await receiveAll([{ ...meter(1), branchId: 'east-2' }]);
    await t.app.get(ClassifyWorker).apply(received);
    const joins = (await streamOf(e.incidentId)).slice(4);
    expect(joins.map((x) => (x.data as ComplaintJoinedCollectiveIncidentData).complaintId)).toEqual([later]);
    const recent = await t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION).getMany([ids[1]!]);
    expect(recent[0]!.incidentId).toBeUndefined();
  });

  it('refuses a removal from a merged incident: its complaints are the other one’s', async () => {
    // the one merged at east-1, within supervisor1's scope
    const { items } = await incidents().find({
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
