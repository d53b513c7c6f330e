import {
  classificationStream,
  type CollectiveIncidentDetectedData,
  type CollectiveIncidentEvent,
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
  incidentStream,
} from '@kesu/classification-contracts';
import { incidentMembers } from '@kesu/classification-domain';
import { randomUUID } from 'node:crypto';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import type { Collection, Document, DocumentStore } from '@kesu/ports';
import { CLOCK } from '@kesu/platform';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import {
  type ClassificationTestApp,
  type Received,
  SMART_METER_TEXTS,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from './classify.worker';
import { CollectiveClassifyWorker } from './collective-classify.worker';
import {
  CollectiveIncidents,
  INCIDENT_COLLECTION,
  type IncidentDoc,
  joinEventId,
  RECENT_COLLECTION,
  RECENT_TOKENS_COLLECTION,
  type RecentComplaintDoc,
  type RecentTokensDoc,
} from './collective-incidents.service';

/*
 * Collective detection after classification: complaints arrive as intake records them, through the
 * relay and the classify consumer; each is then delivered once more by hand (a redelivery racing the
 * consumer), which also waits for its detection to finish.
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const METER_TEXTS = SMART_METER_TEXTS;

const meterComplaint = (i: number, extra: Partial<Received> = {}): Received => ({
  description: METER_TEXTS[i % METER_TEXTS.length]!,
  subject: { type: 'product', name: '智能电表' },
  ...extra,
});

const receiveAll = (complaints: readonly Received[]) => t.receiveAll(complaints);

async function incidentsOf(tenantId: string, branchId: string): Promise<IncidentDoc[]> {
  const { items } = await t.documents
    .collection<IncidentDoc>(INCIDENT_COLLECTION)
    .find({ tenantId, branchId });
  return items;
}

/** Collective detection as another replica of the service runs it, over the same storage. */
const secondReplica = (): CollectiveIncidents =>
  new CollectiveIncidents(t.store, t.documents, t.app.get(CLOCK), t.app.get(CLASSIFICATION_EVENTS));

async function categoryOf(complaintId: string): Promise<string> {
  const [classified] = await t.classified(complaintId);
  return (classified!.data as ComplaintClassifiedData).category;
}

describe('collective incidents after classification', () => {
  let east1: { ids: string[]; events: RecordedEvent[] };

  beforeAll(async () => {
    east1 = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
  });

  it('records one incident holding all five complaints about 智能电表计量不准 at one branch within an hour', async () => {
    const categories = await Promise.all(east1.ids.map(categoryOf));
    // the keyword model puts one of them in the parent category: detection groups by top-level category
    expect(new Set(categories.map((c) => c.split('.')[0])).size).toBe(1);
    const incidents = await incidentsOf('demo', 'east-1');
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
    await Promise.all([...east1.events, ...east1.events].map((event) => worker.apply(event)));
    for (const event of east1.events) await worker.apply(event);
    const incidents = await incidentsOf('demo', 'east-1');
    expect(incidents).toHaveLength(1);
    expect(await t.store.readStream(incidentStream(incidents[0]!.incidentId))).toHaveLength(1);
  });

  it('grows the incident with a sixth and a seventh complaint about the target, each joining once', async () => {
    // each is delivered twice: by the consumer and once more by hand
    const later = await receiveAll([
      meterComplaint(1, { branchId: 'east-1' }),
      meterComplaint(2, { branchId: 'east-1' }),
    ]);
    const incidents = await incidentsOf('demo', 'east-1');
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
    const replica = secondReplica();
    const category = await categoryOf(east1.ids[0]!);
    await Promise.all([
      worker.apply(a.event),
      worker.apply(b.event),
      replica.classified(b.event, category),
      replica.classified(a.event, category),
    ]);
    await Promise.all([t.classified(a.complaintId), t.classified(b.complaintId)]);
    const [incident] = await incidentsOf('demo', 'east-1');
    const stream = await t.store.readStream(incidentStream(incident!.incidentId));
    const joined = () =>
      stream.slice(1).map((e) => (e.data as ComplaintJoinedCollectiveIncidentData).complaintId);
    expect(joined().slice(2).sort()).toEqual([a.complaintId, b.complaintId].sort());
    expect(incident).toMatchObject({ complaintCount: 9, complainantCount: 9, revision: 4 });

    for (const event of [...east1.events, a.event, b.event]) await worker.apply(event);
    expect(await t.store.readStream(incidentStream(incident!.incidentId))).toHaveLength(5);
    expect((await incidentsOf('demo', 'east-1'))[0]).toMatchObject({ complaintCount: 9, revision: 4 });
  });

  it('catches a stale incident document up with the stream and joins on the retry', async () => {
    // complaints of a tenant of their own, handed to a second replica only (no consumer sees them)
    const replica = secondReplica();
    const category = await categoryOf(east1.ids[0]!);
    const template = east1.events[0]!;
    const complaint = (i: number): RecordedEvent => ({
      ...template,
      eventId: randomUUID(),
      tenantId: 'conflicts',
      data: { ...(template.data as object), complaintId: randomUUID(), description: METER_TEXTS[i % 5] },
    });
    for (let i = 0; i < 5; i++) await replica.classified(complaint(i), category);
    const [before] = await incidentsOf('conflicts', 'east-1');
    expect(before).toMatchObject({ complaintCount: 5, revision: 0 });
    const [c, d] = [complaint(1), complaint(2)];
    await replica.classified(c, category);
    // the document still says what it said before c joined: d's append conflicts, then catches up
    await t.documents.collection<IncidentDoc>(INCIDENT_COLLECTION).put(before!);
    await replica.classified(d, category);
    expect((await incidentsOf('conflicts', 'east-1'))[0]).toMatchObject({ complaintCount: 7, revision: 2 });
    const stream = await t.store.readStream(incidentStream(before!.incidentId));
    expect(stream.slice(1).map((e) => (e.data as ComplaintJoinedCollectiveIncidentData).complaintId)).toEqual(
      [(c.data as { complaintId: string }).complaintId, (d.data as { complaintId: string }).complaintId],
    );
  });

  it('classifies each member again as collective and at least major, once, caused by the incident', async () => {
    const [incident] = await incidentsOf('demo', 'east-1');
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
    for (const id of east1.ids) expect(await t.store.readStream(classificationStream(id))).toHaveLength(2);
  });

  it('makes members who threaten a petition critical', async () => {
    // a tenant of its own, so that no other test's branch gains an incident
    const threat = (i: number): Received => ({
      ...meterComplaint(i, { tenantId: 'petitions', branchId: 'b-1' }),
      description: `${METER_TEXTS[i % METER_TEXTS.length]}不解决就去信访。`,
    });
    const { ids } = await receiveAll([0, 1, 2, 3, 4].map(threat));
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
    await receiveAll([0, 1, 2, 3].map((i) => meterComplaint(i, { branchId: 'west-1' })));
    expect(await incidentsOf('demo', 'west-1')).toEqual([]);
  });

  it('keeps branches apart: five at another branch make a separate incident, three and two make none', async () => {
    const east2 = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-2' })));
    await receiveAll([0, 1].map((i) => meterComplaint(i, { branchId: 'west-2' })));
    const incidents = await incidentsOf('demo', 'east-2');
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.complaintIds].sort()).toEqual([...east2.ids].sort());
    expect(incidents[0]!.incidentId).not.toBe((await incidentsOf('demo', 'east-1'))[0]!.incidentId);
    // west-1 holds four, west-2 two: together six, yet no incident
    expect(await incidentsOf('demo', 'west-1')).toEqual([]);
    expect(await incidentsOf('demo', 'west-2')).toEqual([]);
  });

  it('makes one complaint by many complainants an incident of its own, which residents calling later join', async () => {
    const gas = (description: string, complainantCount = 1): Received => ({
      description,
      subject: { type: 'service', name: '燃气表' },
      complainantCount,
      tenantId: 'other',
      branchId: 'north-9',
    });
    const { ids } = await receiveAll([gas('我们楼20户居民的燃气表同时被停，物业不给说法。', 20)]);
    const incidents = await incidentsOf('other', 'north-9');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      complaintIds: ids,
      complaintCount: 1,
      complainantCount: 20,
      lastJoinedAt: null,
    });

    const later = await receiveAll([
      gas('家里燃气表被停了，没有任何通知。'),
      gas('燃气表停了三天，老人做不了饭。', 2),
    ]);
    expect(await incidentsOf('other', 'north-9')).toEqual([
      expect.objectContaining({
        complaintIds: [...ids, ...later.ids],
        complaintCount: 3,
        complainantCount: 23,
      }),
    ]);
  });
  it('joins a complaint to an incident of fifty-five reading no event of its stream when nothing conflicts', async () => {
    const scope = { tenantId: 'other', branchId: 'north-8' };
    const first = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, scope)));
    const joined = await receiveAll(Array.from({ length: 50 }, (_, i) => meterComplaint(i, scope)));
    const [incident] = await incidentsOf('other', 'north-8');
    expect(incident).toMatchObject({ complaintCount: 55, complainantCount: 55, revision: 50 });
    expect(incident!.complaintIds).toEqual([...first.ids, ...joined.ids]);

    const stream = incidentStream(incident!.incidentId);
    const reads = jest.spyOn(t.store, 'readStream');
    try {
      const last = await receiveAll([meterComplaint(2, scope)]);
      const events = await Promise.all(
        reads.mock.calls.flatMap(([id], i) => (id === stream ? [reads.mock.results[i]!.value] : [])),
      );
      expect(events.flat()).toEqual([]);
      const [grown] = await incidentsOf('other', 'north-8');
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
    const first = await receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, scope)));
    const category = await categoryOf(first.ids[0]!);
    const [incident] = await incidentsOf('other', 'north-12');
    // eight more reach detection at once in one replica: the joins wait for the one running
    const arriving = first.events.concat(first.events.slice(0, 3)).map((event, i) => ({
      ...event,
      eventId: randomUUID(),
      data: {
        ...(event.data as object),
        complaintId: randomUUID(),
        receivedAt: new Date(Date.now() + i).toISOString(),
      },
    }));
    const replica = secondReplica();
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
    expect((await incidentsOf('other', 'north-12'))[0]).toMatchObject({ complaintCount: 13, revision: 8 });

    // delivered again, side by side in both replicas: nothing more
    const worker = t.app.get(CollectiveIncidents);
    await Promise.all(
      arriving.flatMap((event) => [replica.classified(event, category), worker.classified(event, category)]),
    );
    expect(await t.store.readStream(stream)).toHaveLength(9);
  });
});

describe('GET /api/v1/classification/incidents', () => {
  const list = (as: string, query = '') => t.request(as, 'GET', `/api/v1/classification/incidents${query}`);
  const idsOf = (body: unknown) =>
    (body as { items: { branchId: string }[] }).items.map((i) => i.branchId).sort();

  it('lists the incidents within the caller’s branch scope, newest window first', async () => {
    const supervisor = await list('supervisor1');
    expect(supervisor.statusCode).toBe(200);
    expect(idsOf(supervisor.json())).toEqual(['east-1', 'east-2']);
    const body = supervisor.json() as { items: CollectiveIncidentDetectedData[]; nextCursor: string | null };
    expect(body.items[0]!.windowStart >= body.items[1]!.windowStart).toBe(true);
    expect(body.items[0]).not.toHaveProperty('_id');
    expect(body.items[0]).not.toHaveProperty('revision');
    // east-1 has grown to nine complaints, east-2 holds its five
    expect(
      Object.fromEntries(
        body.items.map((i) => [
          i.branchId,
          [(i as { complaintCount?: number }).complaintCount, i.complaintIds.length],
        ]),
      ),
    ).toEqual({ 'east-1': [9, 9], 'east-2': [5, 5] });

    expect(idsOf((await list('manager1')).json())).toEqual(['east-1']);
    expect(idsOf((await list('director1', '?branchId=east')).json())).toEqual(['east-1', 'east-2']);
    expect(idsOf((await list('director1', '?branchId=west')).json())).toEqual([]);
  });

  it('filters by the window start and pages', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(idsOf((await list('director1', `?from=${hourAgo}&to=${future}`)).json())).toEqual([
      'east-1',
      'east-2',
    ]);
    expect(idsOf((await list('director1', `?to=${hourAgo}`)).json())).toEqual([]);
    expect(idsOf((await list('director1', `?from=${future}`)).json())).toEqual([]);
    const first = (await list('director1', '?limit=1')).json() as { items: unknown[]; nextCursor: string };
    expect(first.items).toHaveLength(1);
    const second = (await list('director1', `?limit=1&cursor=${first.nextCursor}`)).json() as {
      items: unknown[];
    };
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).not.toEqual(first.items[0]);
  });

  it('refuses a branch outside the scope, a bad query and callers without a reading role', async () => {
    expect((await list('manager1', '?branchId=east-2')).statusCode).toBe(403);
    expect((await list('agent1')).statusCode).toBe(403);
    const bad = await list('director1', '?from=yesterday&limit=500&cursor=nope&branchId=nowhere');
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['from', 'limit']));
    const order = await list('director1', `?from=${new Date().toISOString()}&to=2020-01-01T00:00:00Z`);
    expect(order.statusCode).toBe(400);
  });
});

describe('the recent index', () => {
  const LIFT = [
    '地铁站出口的电梯故障停运三天了，老人上下楼很困难，无人维修。',
    '地铁站出口电梯故障停运好几天，无人维修，老人上下楼困难。',
    '地铁站出口的电梯一直故障停运，三天无人维修，老人上下楼很困难。',
    '反映地铁站出口电梯故障停运，无人维修，老人上下楼很困难。',
    '地铁站出口电梯故障停运三天，老人上下楼很困难，至今无人维修。',
  ];

  it('keeps tokens apart from the index; a replica that read none, and documents holding them inline, detect alike', async () => {
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    const tokens = t.documents.collection<RecentTokensDoc>(RECENT_TOKENS_COLLECTION);
    const four = await receiveAll(
      LIFT.slice(0, 4).map((description) => ({ description, branchId: 'west-2' })),
    );
    const docs = await recent.getMany(four.ids);
    expect(docs).toHaveLength(4);
    for (const doc of docs) {
      expect(doc.tokens).toBeUndefined();
      expect(doc.tokensId).toMatch(new RegExp(`^${doc._id}:[0-9a-f]{16}$`));
      expect((await tokens.get(doc.tokensId!))?.tokens).toContain('电梯');
    }
    // two written as before the tokens were kept apart
    for (const { tokensId, ...doc } of docs.slice(0, 2)) {
      await recent.put({ ...doc, tokens: (await tokens.get(tokensId!))!.tokens });
      await tokens.delete(tokensId!);
    }
    // a fifth that only the second replica sees: it needs every one's tokens to link them
    const [template] = four.events;
    const fifthId = randomUUID();
    const fifth = {
      ...template!,
      correlationId: fifthId,
      data: { ...(template!.data as object), complaintId: fifthId, description: LIFT[4] },
    } as RecordedEvent;
    await secondReplica().classified(fifth, await categoryOf(four.ids[0]!));
    const incidents = (await incidentsOf('demo', 'west-2')).filter((i) => i.complaintIds.includes(fifthId));
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.complaintIds].sort()).toEqual([...four.ids, fifthId].sort());
  });
});

describe('detections at once', () => {
  const A = '甲乙丙丁戊己庚辛壬癸';
  const S = '子丑寅卯辰巳午未申酉';
  /** A complaint as intake records it, of its own tenant and branch, with this text. */
  const complaintAbout = (template: RecordedEvent, description: string, tenantId = 'race'): RecordedEvent => {
    const complaintId = randomUUID();
    return {
      ...template,
      eventId: randomUUID(),
      tenantId,
      branchId: 'b-1',
      correlationId: complaintId,
      data: {
        ...(template.data as object),
        complaintId,
        branchId: 'b-1',
        subject: { type: 'service' },
        description,
        complainantCount: 1,
        receivedAt: new Date().toISOString(),
      },
    } as RecordedEvent;
  };

  it.each([
    ['in one replica', 'race-1', () => t.app.get(CollectiveIncidents)],
    ['in two replicas', 'race-2', secondReplica],
  ])(
    'never puts a complaint in two incidents %s: one detection waits for the other that takes it',
    async (_, tenantId, other) => {
      const { events } = await receiveAll([meterComplaint(0, { tenantId: 'race-template' })]);
      const template = events[0]!;
      const detection = t.app.get(CollectiveIncidents);
      // an incident about A, and four complaints about S that make none yet
      for (let i = 0; i < 5; i++)
        await detection.classified(complaintAbout(template, A, tenantId), 'service');
      for (let i = 0; i < 4; i++)
        await detection.classified(complaintAbout(template, S, tenantId), 'service');
      // a fifth about S completes a new incident of the five; while it is being recorded, one about A
      // and S arrives, which joins A and would take the five along
      const append = t.store.appendToStream.bind(t.store);
      let meanwhile: Promise<void> | undefined;
      const appends = jest.spyOn(t.store, 'appendToStream').mockImplementation(async (...args) => {
        if (!meanwhile && args[1][0]?.type === 'CollectiveIncidentDetected') {
          meanwhile = other().classified(complaintAbout(template, `${A}${S}`, tenantId), 'service');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return append(...args);
      });
      try {
        await detection.classified(complaintAbout(template, S, tenantId), 'service');
        await meanwhile;
      } finally {
        appends.mockRestore();
      }
      expect(meanwhile).toBeDefined();
      const incidents = await incidentsOf(tenantId, 'b-1');
      const members = await Promise.all(
        incidents.map(async (i) =>
          incidentMembers(
            (await t.store.readStream(incidentStream(i.incidentId))).map((e) =>
              t.app.get<EventTypeRegistry>(CLASSIFICATION_EVENTS).toDomain<CollectiveIncidentEvent>(e),
            ),
          ).map((m) => m.complaintId),
        ),
      );
      const all = members.flat();
      expect(all).toHaveLength(11);
      expect(new Set(all).size).toBe(all.length);
      expect(incidents).toHaveLength(2);
    },
  );

  it('keeps the incident another detection marked while a redelivery re-indexes the complaint', async () => {
    const { events } = await receiveAll([meterComplaint(0, { tenantId: 'race-template' })]);
    const complaint = complaintAbout(events[0]!, '寅卯辰巳午未申酉戌亥');
    const detection = t.app.get(CollectiveIncidents);
    await detection.classified(complaint, 'service');
    const complaintId = complaint.correlationId;
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    // as an older release kept it: tokens inline, which re-indexing drops
    await recent.update(complaintId, { $set: { tokens: ['旧的'] } });
    // a replica whose read of the complaint's entry is followed at once by another detection's mark
    const real = t.documents;
    const marking = Object.create(real) as DocumentStore;
    marking.collection = <T extends Document>(name: string) => {
      const collection = real.collection<T>(name);
      if (name !== RECENT_COLLECTION) return collection;
      const wrapped = Object.create(collection) as Collection<T>;
      wrapped.get = async (id: string) => {
        const found = await collection.get(id);
        await collection.update(id, { $set: { incidentId: 'marked-meanwhile' } });
        return found;
      };
      return wrapped;
    };
    const replica = new CollectiveIncidents(
      t.store,
      marking,
      t.app.get(CLOCK),
      t.app.get(CLASSIFICATION_EVENTS),
    );
    await replica.classified(complaint, 'service');
    const [entry] = await recent.getMany([complaintId]);
    expect(entry!.tokens).toBeUndefined();
    expect(entry).toMatchObject({
      incidentId: 'marked-meanwhile',
      tokensId: expect.stringMatching(/^.+:[0-9a-f]{16}$/),
    });
  });
});
