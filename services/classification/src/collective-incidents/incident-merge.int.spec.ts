import {
  type CollectiveIncidentMergedData,
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
} from '@kesu/classification-contracts';
import {
  type ClassificationTestApp,
  type Received,
  startClassification,
} from '../classification.test-support';
import { CollectiveClassifyWorker } from './collective-classify.worker';
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

/*
 * A supervisor merges two collective incidents about one matter: complaints arrive as intake
 * records them, through the relay and the consumers, as in production.
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const receiveAll = async (complaints: readonly Received[]) => (await t.receiveAll(complaints)).ids;
const meter = (i: number) => meterComplaint(i, { branchId: 'east-1' });
const bill = (i: number) => billComplaint(i, { branchId: 'east-1' });
const mergeRequest = (as: string, id: string, body: object) =>
  t.request(as, 'POST', `/api/v1/classification/incidents/${id}/merge`, body);

describe('merging collective incidents', () => {
  let meters: string[];
  let bills: string[];
  let a: IncidentDocument;
  let b: IncidentDocument;

  beforeAll(async () => {
    meters = await receiveAll([0, 1, 2, 3, 4].map(meter));
    bills = await receiveAll([0, 1, 2, 3, 4].map(bill));
    a = await incidentWith(t, meters[0]!);
    b = await incidentWith(t, bills[0]!);
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
    expect(await streamOf(t, b.incidentId)).toHaveLength(1);
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
    const west = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'west-1' })));
    const w = await incidentWith(t, west[0]!);
    expect(
      (await mergeRequest('supervisor1', b.incidentId, { ...body, into: w.incidentId })).statusCode,
    ).toBe(404);
    expect((await mergeRequest('supervisor1', w.incidentId, body)).statusCode).toBe(404);
    expect(await streamOf(t, b.incidentId)).toHaveLength(1);
    expect(await streamOf(t, a.incidentId)).toHaveLength(1);
  });

  it('merges one into the other: recorded with who and why, its complaints join the other once each', async () => {
    const reply = await mergeRequest('supervisor1', b.incidentId, {
      into: a.incidentId,
      reason: '同一批智能电表引起的电费异常',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"1"');
    expect(reply.json()).toMatchObject({
      incidentId: b.incidentId,
      mergedInto: a.incidentId,
      complaintCount: 5,
    });
    const [, merged] = await streamOf(t, b.incidentId);
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
      async () => (await incidentDocuments(t).get(a.incidentId))!,
      (doc) => doc.complaintCount === 10,
    );
    expect(survivor).toMatchObject({ complaintCount: 10, complainantCount: 10, revision: 5 });
    const joins = (await streamOf(t, a.incidentId)).slice(1);
    const joinedId = (e: (typeof joins)[number]) =>
      (e.data as ComplaintJoinedCollectiveIncidentData).complaintId;
    expect(joins.map(joinedId).sort()).toEqual([...bills].sort());
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
      const join = joins.find((e) => joinedId(e) === id)!;
      expect(events.at(-1)).toMatchObject({ type: 'ComplaintClassified', causationId: join.eventId });
      expect((events.at(-1)!.data as ComplaintClassifiedData).scope).toBe('collective');
    }

    // the merge delivered again moves nothing twice
    await t.app.get(CollectiveClassifyWorker).apply(merged!);
    expect(await streamOf(t, a.incidentId)).toHaveLength(6);
  });

  it('answers a repeated merge as it stands and refuses merging it elsewhere or into it', async () => {
    const again = await mergeRequest('supervisor1', b.incidentId, { into: a.incidentId, reason: 'again' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ mergedInto: a.incidentId });
    expect(await streamOf(t, b.incidentId)).toHaveLength(2);
    const elsewhere = await mergeRequest('supervisor1', a.incidentId, { into: b.incidentId, reason: 'back' });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'incident.target_merged' });
    expect(await streamOf(t, a.incidentId)).toHaveLength(6);
  });
});

describe('merges at once', () => {
  it('decides two crossing merges one after the other: one is recorded, the other refused', async () => {
    const meters = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'west-2' })));
    const bills = await receiveAll([0, 1, 2, 3, 4].map((i) => billComplaint(i, { branchId: 'west-2' })));
    const [x, y] = [
      (await incidentWith(t, meters[0]!)).incidentId,
      (await incidentWith(t, bills[0]!)).incidentId,
    ];
    const replies = await Promise.all([
      mergeRequest('director1', x, { into: y, reason: '同一事件' }),
      mergeRequest('director1', y, { into: x, reason: '同一事件' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [one, other] = await Promise.all([incidentDocuments(t).get(x), incidentDocuments(t).get(y)]);
    // exactly one of them was merged, into the other, which stands
    expect([one!.mergedInto, other!.mergedInto].filter((m) => m !== null)).toHaveLength(1);
    const survivor = one!.mergedInto === null ? one! : other!;
    const merged = await until(
      async () => (await incidentDocuments(t).get(survivor.incidentId))!,
      (doc) => doc.complaintCount === 10,
    );
    expect(merged.complaintCount).toBe(10);
  });
});
