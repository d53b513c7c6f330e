import {
  type CollectiveIncidentDetectedData,
  type ComplaintClassifiedData,
  incidentStream,
} from '@kesu/classification-contracts';
import { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import {
  type ClassificationTestApp,
  type Received,
  SMART_METER_TEXTS,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from '../classify/classify.worker';
import { CollectiveClassifyWorker } from './collective-classify.worker';
import { DetectCollectiveIncidentsCommand } from './detect-collective-incidents';
import {
  categoryOf,
  classificationsOf,
  incidentsOf,
  meterComplaint,
} from './collective-incidents.test-support';

/* Collective detection after classification: which complaints make an incident, recorded once. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

describe('collective incidents after classification', () => {
  let east1: { ids: string[]; events: RecordedEvent[] };

  beforeAll(async () => {
    east1 = await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
  });

  it('records one incident holding all five complaints about 智能电表计量不准 at one branch within an hour', async () => {
    const categories = await Promise.all(east1.ids.map((id) => categoryOf(t, id)));
    // the keyword model puts one of them in the parent category: detection groups by top-level category
    expect(new Set(categories.map((c) => c.split('.')[0])).size).toBe(1);
    const incidents = await incidentsOf(t, 'demo', 'east-1');
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect([...incident!.complaintIds].sort()).toEqual([...east1.ids].sort());
    expect(incident!.complainantCount).toBe(5);
    expect(incident!.target).toContain('智能电表');

    const stream = await t.store.readStream(incidentStream(incident!.incidentId));
    expect(stream).toHaveLength(1);
    expect(stream[0]).toMatchObject({
      type: 'CollectiveIncidentDetected',
      schemaVersion: 1,
      tenantId: 'demo',
      branchId: 'east-1',
      correlationId: incident!.incidentId,
      causationId: east1.events[4]!.eventId,
      actor: { kind: 'service', id: 'classification' },
    });
    const data = stream[0]!.data as CollectiveIncidentDetectedData;
    expect(data.incidentId).toBe(incident!.incidentId);
    expect(data.complaintIds).toEqual(incident!.complaintIds);
  });

  it('records it once however often and however concurrently the complaints are delivered', async () => {
    const worker = t.app.get(ClassifyWorker);
    const category = await categoryOf(t, east1.ids[0]!);
    const detect = (event: RecordedEvent) =>
      t.app.get(CommandBus).execute(new DetectCollectiveIncidentsCommand(event, category));
    await Promise.all([...east1.events.map((event) => worker.apply(event)), ...east1.events.map(detect)]);
    for (const event of east1.events) await worker.apply(event);
    const incidents = await incidentsOf(t, 'demo', 'east-1');
    expect(incidents).toHaveLength(1);
    expect(await t.store.readStream(incidentStream(incidents[0]!.incidentId))).toHaveLength(1);
  });

  it('classifies each member again as collective and at least major, once, caused by the incident', async () => {
    const [incident] = await incidentsOf(t, 'demo', 'east-1');
    const [detected] = await t.store.readStream(incidentStream(incident!.incidentId));
    for (const id of east1.ids) {
      const events = await t.classified(id, 2);
      expect(events).toHaveLength(2);
      expect(events[1]).toMatchObject({ type: 'ComplaintClassified', causationId: detected!.eventId });
      const data = events[1]!.data as ComplaintClassifiedData;
      expect(data.scope).toBe('collective');
      expect(['major', 'critical']).toContain(data.severity);
      expect(data.decision.rules.map((r) => r.id)).toContain('intake.many_complainants');
    }
    // redelivered, the incident event changes nothing
    await t.app.get(CollectiveClassifyWorker).apply(detected!);
    for (const id of east1.ids) expect(await classificationsOf(t, id)).toHaveLength(2);
  });

  it('makes members who threaten a petition critical', async () => {
    // a tenant of its own, so that no other test's branch gains an incident
    const threat = (i: number): Received => ({
      ...meterComplaint(i, { tenantId: 'petitions', branchId: 'b-1' }),
      description: `${SMART_METER_TEXTS[i % SMART_METER_TEXTS.length]}不解决就去信访。`,
    });
    const { ids } = await t.receiveAll([0, 1, 2, 3, 4].map(threat));
    for (const id of ids) {
      const [alone, together] = await t.classified(id, 2);
      expect((alone!.data as ComplaintClassifiedData).scope).toBe('individual');
      expect(together!.data as ComplaintClassifiedData).toMatchObject({
        scope: 'collective',
        severity: 'critical',
        signals: expect.arrayContaining(['government_petition']),
      });
    }
  });

  it('records nothing for four such complaints', async () => {
    await t.receiveAll([0, 1, 2, 3].map((i) => meterComplaint(i, { branchId: 'west-1' })));
    expect(await incidentsOf(t, 'demo', 'west-1')).toEqual([]);
  });

  it('keeps branches apart: five at another branch make a separate incident, three and two make none', async () => {
    const east2 = await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-2' })));
    await t.receiveAll([0, 1].map((i) => meterComplaint(i, { branchId: 'west-2' })));
    const incidents = await incidentsOf(t, 'demo', 'east-2');
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.complaintIds].sort()).toEqual([...east2.ids].sort());
    expect(incidents[0]!.incidentId).not.toBe((await incidentsOf(t, 'demo', 'east-1'))[0]!.incidentId);
    // west-1 holds four, west-2 two: together six, yet no incident
    expect(await incidentsOf(t, 'demo', 'west-1')).toEqual([]);
    expect(await incidentsOf(t, 'demo', 'west-2')).toEqual([]);
  });

  it('makes one complaint by many complainants an incident of its own, which residents calling later join', async () => {
    const gas = (description: string, complainantCount = 1): Received => ({
      description,
      subject: { type: 'service', name: '燃气表' },
      complainantCount,
      tenantId: 'other',
      branchId: 'north-9',
    });
    const { ids } = await t.receiveAll([gas('我们楼20户居民的燃气表同时被停，物业不给说法。', 20)]);
    const incidents = await incidentsOf(t, 'other', 'north-9');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      complaintIds: ids,
      complaintCount: 1,
      complainantCount: 20,
      lastJoinedAt: null,
    });

    const later = await t.receiveAll([
      gas('家里燃气表被停了，没有任何通知。'),
      gas('燃气表停了三天，老人做不了饭。', 2),
    ]);
    expect(await incidentsOf(t, 'other', 'north-9')).toEqual([
      expect.objectContaining({
        complaintIds: [...ids, ...later.ids],
        complaintCount: 3,
        complainantCount: 23,
      }),
    ]);
  });
});
