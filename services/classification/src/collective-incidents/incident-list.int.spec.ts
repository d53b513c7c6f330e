import type { CollectiveIncidentDetectedData } from '@kesu/classification-contracts';
import type { EventTypeRegistry } from '@kesu/kernel';
import { rebuildProjection } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { incidentsOf, meterComplaint } from './collective-incidents.test-support';
import { type IncidentDocument, incidentListProjection } from './incident-list.projection';

/* The incident list, `GET /api/v1/classification/incidents`, and one incident by its id. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
  // east-1: five that make an incident, four that join it; east-2: five; west-1: four, no incident
  await t.receiveAll([0, 1, 2, 3, 4, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-1' })));
  await t.receiveAll([0, 1, 2, 3, 4].map((i) => meterComplaint(i, { branchId: 'east-2' })));
  await t.receiveAll([0, 1, 2, 3].map((i) => meterComplaint(i, { branchId: 'west-1' })));
});

afterAll(async () => {
  await t.close();
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
    for (const field of ['_id', 'revision', 'lastPosition', 'projectionVersion', 'documentRevision'])
      expect(body.items[0]).not.toHaveProperty(field);
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

describe('GET /api/v1/classification/incidents/{id}', () => {
  it('answers the incident with its stream’s revision as ETag', async () => {
    const [incident] = await incidentsOf(t, 'demo', 'east-1');
    const reply = await t.request(
      'supervisor1',
      'GET',
      `/api/v1/classification/incidents/${incident!.incidentId}`,
    );
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"4"');
    expect(reply.json()).toMatchObject({ incidentId: incident!.incidentId, complaintCount: 9 });
    expect(reply.json()).not.toHaveProperty('revision');
  });
});

describe('the incident list as a projection', () => {
  it('is what a rebuild from the event store folds, document for document', async () => {
    const registry = t.app.get<EventTypeRegistry>(CLASSIFICATION_EVENTS);
    const rebuilt = { ...incidentListProjection, collection: 'classification_incidents_rebuilt' };
    await rebuildProjection(rebuilt, t.store, t.documents, registry);
    const read = async (collection: string) =>
      (await t.documents.collection<IncidentDocument>(collection).find({}, { limit: 100 })).items
        .map(({ documentRevision: _writes, ...doc }) => doc)
        .sort((a, b) => a._id.localeCompare(b._id));
    const inline = await read(incidentListProjection.collection);
    expect(inline).toHaveLength(2);
    expect(await read(rebuilt.collection)).toEqual(inline);
  });
});
