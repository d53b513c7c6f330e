import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { EventTypeRegistry, type NewEvent, type RecordedEvent } from '@kesu/kernel';
import { type Projected, type Projection, rebuildProjection, Relay, runProjection } from '@kesu/ports';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Tally = { _id: string; events: number; types: string[] } & Projected;
const tally: Projection<Tally> = {
  name: 'tally',
  version: 1,
  collection: 'tallies',
  topics: ['complaints.intake.v1', 'complaints.sla.v1'],
  handles: ['ComplaintReceived', 'SlaStarted'],
  documentId: (event) => event.correlationId,
  evolve: (doc, event: RecordedEvent) => ({
    _id: event.correlationId,
    events: (doc?.events ?? 0) + 1,
    types: [...(doc?.types ?? []), event.type],
  }),
  // two topics: an SLA event may be consumed before the intake event recorded ahead of it
  history: (id, _current, store) => store.readByCorrelationId(id),
};
const registry = new EventTypeRegistry([
  { type: 'ComplaintReceived', schemaVersion: 1 },
  { type: 'SlaStarted', schemaVersion: 1 },
]);

const event = (complaintId: string, type: string, n: number): NewEvent => ({
  eventId: `${complaintId}-${type}-${n}`,
  type,
  schemaVersion: 1,
  data: { n },
  occurredAt: '2026-11-23T02:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: complaintId,
  causationId: 'test',
  actor: { kind: 'service', id: 'test' },
});

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('event store → relay → message log → projection', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'kesu-relay-'));

  it('publishes every stored event once, by category and key, and projects it idempotently', async () => {
    const dir = dataDir();
    let storage: EmbeddedStorage = createEmbeddedStorage({ dataDir: dir, pollIntervalMs: 10 });
    let relay = new Relay(storage.eventStore, storage.messageLog);
    relay.start();
    let consumer = runProjection(tally, storage.messageLog, storage.documents, registry, storage.eventStore);

    for (const id of ['c1', 'c2', 'c3']) {
      await storage.eventStore.appendToStream(
        `intake-complaint-${id}`,
        [event(id, 'ComplaintReceived', 0)],
        'no_stream',
      );
      await storage.eventStore.appendToStream(`sla-${id}`, [event(id, 'SlaStarted', 0)], 'no_stream');
    }
    const tallies = () => storage.documents.collection<Tally>('tallies');
    await until(async () => (await tallies().get('c3'))?.events === 2);

    await relay.stop();
    await consumer.stop();
    await storage.close();

    storage = createEmbeddedStorage({ dataDir: dir, pollIntervalMs: 10 });
    await storage.eventStore.appendToStream(
      'intake-complaint-c4',
      [event('c4', 'ComplaintReceived', 0)],
      'no_stream',
    );
    relay = new Relay(storage.eventStore, storage.messageLog);
    relay.start();
    consumer = runProjection(tally, storage.messageLog, storage.documents, registry, storage.eventStore);
    await until(async () => (await tallies().get('c4'))?.events === 1);

    expect(await tallies().get('c1')).toMatchObject({
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
    });
    const intake = await storage.messageLog.read('complaints.intake.v1', { maxCount: 100 });
    const all = (
      await Promise.all(
        [0, 1, 2, 3].map((partition) => storage.messageLog.read('complaints.intake.v1', { partition })),
      )
    ).flat();
    expect(all.map((m) => m.id).sort()).toEqual(
      ['c1', 'c2', 'c3', 'c4'].map((id) => `${id}-ComplaintReceived-0`).sort(),
    );
    expect(intake.every((m) => m.key === (m.value as RecordedEvent).correlationId)).toBe(true);

    await relay.stop();
    await consumer.stop();
    await storage.close();
  });

  it('rebuilds a projection from the global log with the same result', async () => {
    const storage = createEmbeddedStorage({ dataDir: dataDir() });
    for (let i = 0; i < 50; i++) {
      await storage.eventStore.appendToStream(
        `intake-complaint-k${i % 5}`,
        [event(`k${i % 5}`, 'ComplaintReceived', i)],
        'any',
      );
    }
    expect(
      await rebuildProjection(tally, storage.eventStore, storage.documents, registry, { batchSize: 7 }),
    ).toBe(50);
    expect(
      await rebuildProjection(tally, storage.eventStore, storage.documents, registry, { batchSize: 7 }),
    ).toBe(50);
    const doc = await storage.documents.collection<Tally>('tallies').get('k0');
    expect(doc?.events).toBe(10);
    await storage.close();
  });
});
