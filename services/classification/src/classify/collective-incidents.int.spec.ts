import {
  type CollectiveIncidentDetectedData,
  type ComplaintClassifiedData,
  incidentStream,
} from '@kesu/classification-domain';
import type { RecordedEvent } from '@kesu/kernel';
import {
  type ClassificationTestApp,
  type Received,
  startClassification,
} from '../classification.test-support';
import { ClassifyWorker } from './classify.worker';
import { INCIDENT_COLLECTION, type IncidentDoc } from './collective-incidents.service';

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

const METER_TEXTS = [
  '小区更换的智能电表计量不准，这个月电费比上月多了一倍，要求重新校验电表。',
  '我家的智能电表计量不准，电费突然翻倍，要求供电公司重新校验电表并退费。',
  '智能电表计量不准，家里没人住电费还在涨，要求重新校验电表。',
  '新装的智能电表计量不准，电费比去年同期多了很多，请尽快重新校验电表。',
  '反映智能电表计量不准的问题，电费明显偏高，要求上门重新校验电表。',
];

const meterComplaint = (i: number, extra: Partial<Received> = {}): Received => ({
  description: METER_TEXTS[i % METER_TEXTS.length]!,
  subject: { type: 'product', name: '智能电表' },
  ...extra,
});

/** Receives the complaints, waits for their classification and delivers each once more (awaited). */
async function receiveAll(
  complaints: readonly Received[],
): Promise<{ ids: string[]; events: RecordedEvent[] }> {
  const ids: string[] = [];
  const events: RecordedEvent[] = [];
  for (const complaint of complaints) {
    const { complaintId, event } = await t.receive(complaint);
    await t.classified(complaintId);
    await t.app.get(ClassifyWorker).apply(event);
    ids.push(complaintId);
    events.push(event);
  }
  return { ids, events };
}

async function incidentsOf(tenantId: string, branchId: string): Promise<IncidentDoc[]> {
  const { items } = await t.documents
    .collection<IncidentDoc>(INCIDENT_COLLECTION)
    .find({ tenantId, branchId });
  return items;
}

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

  it('does not grow the recorded incident with a sixth complaint (first detection only), nor record another', async () => {
    await receiveAll([meterComplaint(0, { branchId: 'east-1' })]);
    const incidents = await incidentsOf('demo', 'east-1');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.complaintIds).toHaveLength(5);
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

  it('makes one complaint by many complainants an incident of its own', async () => {
    const { ids } = await receiveAll([
      {
        description: '我们楼20户居民的燃气表同时被停，物业不给说法。',
        subject: { type: 'service', name: '燃气表' },
        complainantCount: 20,
        tenantId: 'other',
        branchId: 'north-9',
      },
    ]);
    const incidents = await incidentsOf('other', 'north-9');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ complaintIds: ids, complainantCount: 20 });
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
