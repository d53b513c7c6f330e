import { type ComplaintJoinedCollectiveIncidentData, incidentStream } from '@kesu/classification-contracts';
import {
  type CollectiveCluster,
  collectiveIncidentDecider,
  type JoinIncident,
} from '@kesu/classification-domain';
import type { EventTypeRegistry, NewEvent } from '@kesu/kernel';
import { randomUUID } from 'node:crypto';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import {
  categoryOf,
  incidentsOf,
  likeReceived,
  meterComplaint,
  secondReplica,
} from './collective-incidents.test-support';
import { IncidentDetection } from './incident-detection';
import { joinEventId, serviceMetadata } from './incident-events';
import { IncidentJoins } from './incident-joins';
import { IncidentList, type TrackedIncident } from './incident-list';

/* A join costs the same however large the incident, and joins to one incident go together. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

describe('joins to a growing incident', () => {
  it('joins a complaint to an incident of fifty-five reading no event of its stream when nothing conflicts', async () => {
    const scope = { tenantId: 'other', branchId: 'north-8' };
    const first = await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, scope)));
    const joined = await t.receiveAll(Array.from({ length: 50 }, (_, i) => meterComplaint(i, scope)));
    const [incident] = await incidentsOf(t, 'other', 'north-8');
    expect(incident).toMatchObject({ complaintCount: 55, complainantCount: 55, revision: 50 });
    expect(incident!.complaintIds).toEqual([...first.ids, ...joined.ids]);

    const stream = incidentStream(incident!.incidentId);
    const reads = jest.spyOn(t.store, 'readStream');
    try {
      const last = await t.receiveAll([meterComplaint(2, scope)]);
      const events = await Promise.all(
        reads.mock.calls.flatMap(([id], i) => (id === stream ? [reads.mock.results[i]!.value] : [])),
      );
      expect(events.flat()).toEqual([]);
      const [grown] = await incidentsOf(t, 'other', 'north-8');
      expect(grown).toMatchObject({ complaintCount: 56, revision: 51 });
      const [join] = await t.store.readStream(stream, { fromRevision: 51 });
      expect(join!.data).toMatchObject({
        complaintId: last.ids[0],
        complaintCount: 56,
        complainantCount: 56,
      });
      expect(join!.data).not.toHaveProperty('complaintIds');
    } finally {
      reads.mockRestore();
    }
  });

  it('appends the joins that arrive while one runs together, each complaint once', async () => {
    const scope = { tenantId: 'other', branchId: 'north-12' };
    const first = await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, scope)));
    const category = await categoryOf(t, first.ids[0]!);
    const [incident] = await incidentsOf(t, 'other', 'north-12');
    // eight more reach detection at once in one replica: the joins wait for the one running
    const arriving = first.events
      .concat(first.events.slice(0, 3))
      .map((event, i) => likeReceived(event, { receivedAt: new Date(Date.now() + i).toISOString() }));
    const replica = secondReplica(t);
    const stream = incidentStream(incident!.incidentId);
    const appends = jest.spyOn(t.store, 'appendToStream');
    try {
      await Promise.all(arriving.map((event) => replica.classified(event, category)));
      const toIncident = appends.mock.calls.filter(([id]) => id === stream);
      // the first detection's cluster holds them all, or most; the rest find them joined
      expect(toIncident.length).toBeLessThanOrEqual(2);
      expect(toIncident.flatMap(([, events]) => events)).toHaveLength(8);
    } finally {
      appends.mockRestore();
    }
    const joins = (await t.store.readStream(stream, { fromRevision: 1 })).map(
      (e) => e.data as ComplaintJoinedCollectiveIncidentData,
    );
    const ids = arriving.map((e) => (e.data as { complaintId: string }).complaintId);
    expect(joins.map((j) => j.complaintId).sort()).toEqual([...ids].sort());
    expect(joins.map((j) => j.complaintCount)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    expect((await incidentsOf(t, 'other', 'north-12'))[0]).toMatchObject({ complaintCount: 13, revision: 8 });

    // delivered again, side by side in both replicas: nothing more
    const detection = t.app.get(IncidentDetection);
    await Promise.all(
      arriving.flatMap((event) => [
        replica.classified(event, category),
        detection.classified(event, category),
      ]),
    );
    expect(await t.store.readStream(stream)).toHaveLength(9);
  });

  it('joins a complaint to an incident of ten thousand reading none of its stream', async () => {
    const incident = await incidentOfSize(10_000);
    const reads = jest.spyOn(t.store, 'readStream');
    try {
      const complaint = {
        complaintId: randomUUID(),
        complainantCount: 2,
        receivedAt: new Date().toISOString(),
      };
      await t.app.get(IncidentJoins).join(incident.state.incidentId, [complaint], incidentCause);
      const stream = incidentStream(incident.state.incidentId);
      expect(reads.mock.calls.filter(([id]) => id === stream)).toEqual([]);
      const [join] = await t.store.readStream(stream, { fromRevision: 10_001 });
      expect(join!.data).toMatchObject({ complaintId: complaint.complaintId, complaintCount: 10_006 });
      expect(await t.app.get(IncidentList).stored(incident.state.incidentId)).toMatchObject({
        revision: 10_001,
      });
    } finally {
      reads.mockRestore();
    }
  });
});

/** The event that caused the incidents built below (any ComplaintReceived-like event will do). */
const incidentCause = {
  eventId: randomUUID(),
  type: 'ComplaintReceived',
  schemaVersion: 1,
  streamId: 'intake-complaint-x',
  revision: 0,
  globalPosition: 0,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  tenantId: 'large',
  branchId: 'b-1',
  correlationId: 'x',
  causationId: 'x',
  actor: { kind: 'service' as const, id: 'test' },
  data: {},
  prevHash: '',
  hash: '',
};

/** An incident of five detected complaints and `joined` more, appended straight to its stream, and listed. */
async function incidentOfSize(joined: number): Promise<TrackedIncident> {
  const registry = t.app.get<EventTypeRegistry>(CLASSIFICATION_EVENTS);
  const at = new Date().toISOString();
  const cluster: CollectiveCluster = {
    incidentId: randomUUID(),
    tenantId: 'large',
    branchId: 'b-1',
    category: 'metering',
    target: 'branch b-1, category metering, subject "智能电表"',
    targetKey: 'b-1|metering|智能电表',
    complaintIds: Array.from({ length: 5 }, () => randomUUID()),
    complainantCount: 5,
    windowStart: at,
    windowEnd: at,
    reason: 'many_complaints',
    sharedTerms: [],
  };
  const stream = incidentStream(cluster.incidentId);
  let state = collectiveIncidentDecider.initialState();
  let revision = -1;
  let position = 0;
  const append = async (command: Parameters<typeof collectiveIncidentDecider.decide>[0]) => {
    const decided = collectiveIncidentDecider.decide(command, state);
    const events: NewEvent[] = decided.map((event) => ({
      ...serviceMetadata(cluster, incidentCause.eventId, at),
      eventId:
        event.type === 'ComplaintJoinedCollectiveIncident'
          ? joinEventId(cluster.incidentId, event.data.complaintId)
          : randomUUID(),
      type: event.type,
      schemaVersion: registry.currentVersion(event.type),
      data: event.data,
    }));
    const result = await t.store.appendToStream(stream, events, revision < 0 ? 'no_stream' : revision);
    state = decided.reduce(collectiveIncidentDecider.evolve, state);
    ({ nextExpectedRevision: revision, position } = result);
  };
  await append({ type: 'RecordIncident', cluster, at });
  for (let i = 0; i < joined; i += 1000) {
    const complaints: JoinIncident['complaints'] = Array.from({ length: Math.min(1000, joined - i) }, () => ({
      complaintId: randomUUID(),
      complainantCount: 1,
      receivedAt: at,
    }));
    await append({ type: 'JoinIncident', complaints, at });
  }
  const incident = { state: state!, revision, position };
  await t.app.get(IncidentList).save(incident);
  return incident;
}
