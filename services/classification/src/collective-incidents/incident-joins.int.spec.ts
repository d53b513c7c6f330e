import { type ComplaintJoinedCollectiveIncidentData, incidentStream } from '@kesu/classification-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import {
  type ClassificationTestApp,
  SMART_METER_TEXTS,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from '../classify/classify.worker';
import {
  categoryOf,
  incidentDocuments,
  incidentsOf,
  likeReceived,
  meterComplaint,
  secondReplica,
} from './collective-incidents.test-support';
import { joinEventId } from './incident-events';
import { RECENT_COLLECTION, type RecentComplaintDoc } from './recent-complaints';

/* Later complaints about an incident's target join it, each once, across replicas and redeliveries. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const joinedIds = (stream: readonly RecordedEvent[]) =>
  stream.slice(1).map((e) => (e.data as ComplaintJoinedCollectiveIncidentData).complaintId);

describe('joining a collective incident', () => {
  let east1: { ids: string[]; events: RecordedEvent[] };

  beforeAll(async () => {
    east1 = await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
  });

  it('grows the incident with a sixth and a seventh complaint about the target, each joining once', async () => {
    // each is delivered twice: by the consumer and once more by hand
    const later = await t.receiveAll([
      meterComplaint(1, { branchId: 'east-1' }),
      meterComplaint(2, { branchId: 'east-1' }),
    ]);
    const incidents = await incidentsOf(t, 'demo', 'east-1');
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    const members = [...east1.ids, ...later.ids];
    expect(incident).toMatchObject({
      complaintIds: members,
      complaintCount: 7,
      complainantCount: 7,
      lastJoinedAt: expect.any(String),
      revision: 2,
    });

    const stream = await t.store.readStream(incidentStream(incident!.incidentId));
    expect(stream.map((e) => e.type)).toEqual([
      'CollectiveIncidentDetected',
      'ComplaintJoinedCollectiveIncident',
      'ComplaintJoinedCollectiveIncident',
    ]);
    expect(stream[1]).toMatchObject({
      schemaVersion: 1,
      tenantId: 'demo',
      branchId: 'east-1',
      correlationId: incident!.incidentId,
      causationId: later.events[0]!.eventId,
      actor: { kind: 'service', id: 'classification' },
    });
    // one event id per complaint's join: appending it again finds it stored
    expect(stream[1]!.eventId).toBe(joinEventId(incident!.incidentId, later.ids[0]!));
    const joins = stream.slice(1).map((e) => e.data as ComplaintJoinedCollectiveIncidentData);
    expect(joins.map((j) => [j.complaintId, j.complaintCount, j.complainantCount])).toEqual([
      [later.ids[0], 6, 6],
      [later.ids[1], 7, 7],
    ]);
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    for (const id of later.ids)
      expect(await recent.get(id)).toMatchObject({ incidentId: incident!.incidentId });
  });

  it('joins two complaints classified at once by two replicas, and none twice on redelivery', async () => {
    const worker = t.app.get(ClassifyWorker);
    const [a, b] = [
      await t.receive(meterComplaint(3, { branchId: 'east-1' })),
      await t.receive(meterComplaint(4, { branchId: 'east-1' })),
    ];
    // racing the consumer and each other, in this replica and in a second one over the same storage
    const replica = secondReplica(t);
    const category = await categoryOf(t, east1.ids[0]!);
    await Promise.all([
      worker.apply(a.event),
      worker.apply(b.event),
      replica.classified(b.event, category),
      replica.classified(a.event, category),
    ]);
    await Promise.all([t.classified(a.complaintId), t.classified(b.complaintId)]);
    const [incident] = await incidentsOf(t, 'demo', 'east-1');
    const stream = await t.store.readStream(incidentStream(incident!.incidentId));
    expect(joinedIds(stream).slice(2).sort()).toEqual([a.complaintId, b.complaintId].sort());
    expect(incident).toMatchObject({ complaintCount: 9, complainantCount: 9, revision: 4 });

    for (const event of [...east1.events, a.event, b.event]) await worker.apply(event);
    expect(await t.store.readStream(incidentStream(incident!.incidentId))).toHaveLength(5);
    expect((await incidentsOf(t, 'demo', 'east-1'))[0]).toMatchObject({ complaintCount: 9, revision: 4 });
  });

  it('catches a stale incident document up with the stream and joins on the retry', async () => {
    // complaints of a tenant of their own, handed to a second replica only (no consumer sees them)
    const replica = secondReplica(t);
    const category = await categoryOf(t, east1.ids[0]!);
    const complaint = (i: number) =>
      likeReceived(east1.events[0]!, { description: SMART_METER_TEXTS[i % 5] }, 'conflicts');
    for (let i = 0; i < 5; i++) await replica.classified(complaint(i), category);
    const [before] = await incidentsOf(t, 'conflicts', 'east-1');
    expect(before).toMatchObject({ complaintCount: 5, revision: 0 });
    const [c, d] = [complaint(1), complaint(2)];
    await replica.classified(c, category);
    // the document still says what it said before c joined: d's append conflicts, then catches up
    await incidentDocuments(t).put(before!);
    await replica.classified(d, category);
    const [after] = await incidentsOf(t, 'conflicts', 'east-1');
    expect(after).toMatchObject({ complaintCount: 7, revision: 2 });
    const stream = await t.store.readStream(incidentStream(before!.incidentId));
    const [cId, dId] = [c, d].map((e) => (e.data as { complaintId: string }).complaintId);
    expect(joinedIds(stream)).toEqual([cId, dId]);
    // folded from the events it missed, not only from the last
    expect(after!.complaintIds.slice(5)).toEqual([cId, dId]);
  });
});
