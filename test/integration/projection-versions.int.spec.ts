import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { EventTypeRegistry, type NewEvent } from '@kesu/kernel';
import {
  type EventStore,
  ManualClock,
  type PrepareProgress,
  prepareProjection,
  type PrepareProjectionOptions,
  type Projected,
  type Projection,
  PROJECTION_VERSIONS,
  projectionGroup,
  type ProjectionVersionRecord,
  Relay,
  runProjection,
} from '@kesu/ports';

/*
 * Versioned projections on the embedded adapters: a fold version bump refreshes documents stored by
 * an older fold, an unchanged version reads nothing, the consumer started after a rebuild applies
 * nothing twice, and replicas preparing together rebuild once.
 */

type Tally = { _id: string; events: number; types?: string[] } & Projected;

/** Version 1 counts a complaint's events. */
const v1: Projection<Tally> = {
  name: 'tally',
  version: 1,
  collection: 'tallies',
  topics: ['complaints.intake.v1', 'complaints.sla.v1'],
  handles: ['ComplaintReceived', 'SlaStarted'],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => ({ _id: event.correlationId, events: (doc?.events ?? 0) + 1 }),
};
/** Version 2 also lists their types: a new field, as `searchTokens` was for the complaint view. */
const v2: Projection<Tally> = {
  ...v1,
  version: 2,
  evolve: (doc, event) => ({
    _id: event.correlationId,
    events: (doc?.events ?? 0) + 1,
    types: [...(doc?.types ?? []), event.type],
  }),
};
/** Version 3 no longer handles ComplaintReceived: documents only it led to are left over. */
const v3: Projection<Tally> = { ...v2, version: 3, handles: ['SlaStarted'] };

const registry = new EventTypeRegistry([
  { type: 'ComplaintReceived', schemaVersion: 1 },
  { type: 'SlaStarted', schemaVersion: 1 },
]);

const event = (complaintId: string, type: string, n = 0): NewEvent => ({
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

/** An event store that counts what is read from its global log. */
function counting(store: EventStore) {
  const reads = { calls: 0, events: 0 };
  const counted: EventStore = {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    readByCorrelationId: (...args) => store.readByCorrelationId(...args),
    headPosition: () => store.headPosition(),
    subscribe: (options) => store.subscribe(options),
    checkpoint: (name) => store.checkpoint(name),
    forgetSubscription: (name) => store.forgetSubscription(name),
    readAll: async (options) => {
      const events = await store.readAll(options);
      reads.calls++;
      reads.events += events.length;
      return events;
    },
  };
  return { store: counted, reads };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let storage: EmbeddedStorage;
const tallies = () => storage.documents.collection<Tally>('tallies');
const versions = () => storage.documents.collection<ProjectionVersionRecord>(PROJECTION_VERSIONS);
const prepare = (projection: Projection<Tally>, store: EventStore, options: PrepareProjectionOptions = {}) =>
  prepareProjection(projection, store, storage.documents, registry, { pollMs: 5, ...options });

/** c1 received and its SLA started, c2 received: three events. */
async function appendHistory(): Promise<void> {
  await storage.eventStore.appendToStream(
    'intake-complaint-c1',
    [event('c1', 'ComplaintReceived')],
    'no_stream',
  );
  await storage.eventStore.appendToStream('sla-c1', [event('c1', 'SlaStarted')], 'no_stream');
  await storage.eventStore.appendToStream(
    'intake-complaint-c2',
    [event('c2', 'ComplaintReceived')],
    'no_stream',
  );
}

beforeEach(() => {
  storage = createEmbeddedStorage({ dataDir: ':memory:', pollIntervalMs: 10 });
});
afterEach(() => storage.close());

describe('prepareProjection', () => {
  it('refolds documents an older fold stored, although every event is at or before their position', async () => {
    await appendHistory();
    const head = await storage.eventStore.headPosition();
    // As the release before versions left them: no projectionVersion, no types, at the head.
    await tallies().putMany([
      { _id: 'c1', events: 2, lastPosition: head } as Tally,
      { _id: 'c2', events: 1, lastPosition: head } as Tally,
      { _id: 'orphan', events: 4, lastPosition: head } as Tally,
    ]);
    const { store, reads } = counting(storage.eventStore);

    expect(await prepare(v2, store)).toEqual({
      outcome: 'rebuilt',
      version: 2,
      from: null,
      events: 3,
      deleted: 1,
    });
    expect(reads.events).toBe(3);
    expect(await tallies().get('c1')).toEqual({
      _id: 'c1',
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
      lastPosition: 2,
      projectionVersion: 2,
      documentRevision: expect.any(Number),
    });
    expect(await tallies().get('c2')).toMatchObject({
      events: 1,
      types: ['ComplaintReceived'],
      projectionVersion: 2,
    });
    expect(await tallies().get('orphan')).toBeNull();
    expect(await versions().get('tally')).toEqual({
      _id: 'tally',
      version: 2,
      rebuiltAt: expect.any(String),
      events: 3,
      rebuild: null,
    });
  });

  it('rebuilds on a version bump and deletes the documents no handled event leads to any more', async () => {
    await appendHistory();
    expect(await prepare(v1, storage.eventStore)).toMatchObject({
      outcome: 'rebuilt',
      from: null,
      events: 3,
    });
    expect(await tallies().get('c1')).toEqual({
      _id: 'c1',
      events: 2,
      lastPosition: 2,
      projectionVersion: 1,
      documentRevision: expect.any(Number),
    });

    expect(await prepare(v2, storage.eventStore)).toMatchObject({
      outcome: 'rebuilt',
      from: 1,
      events: 3,
      deleted: 0,
    });
    expect(await tallies().get('c1')).toMatchObject({
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
    });

    expect(await prepare(v3, storage.eventStore)).toEqual({
      outcome: 'rebuilt',
      version: 3,
      from: 2,
      events: 1,
      deleted: 1,
    });
    expect(await tallies().get('c1')).toEqual({
      _id: 'c1',
      events: 1,
      types: ['SlaStarted'],
      lastPosition: 2,
      projectionVersion: 3,
      documentRevision: expect.any(Number),
    });
    expect(await tallies().get('c2')).toBeNull();
  });

  it('reads no event when the recorded version is the code’s, in this process or the next', async () => {
    await appendHistory();
    await prepare(v2, storage.eventStore);
    const { store, reads } = counting(storage.eventStore);
    expect(await prepare(v2, store)).toEqual({ outcome: 'current', version: 2 });
    expect(await prepare({ ...v2 }, store)).toEqual({ outcome: 'current', version: 2 });
    expect(reads).toEqual({ calls: 0, events: 0 });
  });

  it('builds a new projection over an existing log, and records an empty one after one read', async () => {
    await appendHistory();
    expect(await prepare(v2, storage.eventStore)).toMatchObject({
      outcome: 'rebuilt',
      from: null,
      events: 3,
    });

    const empty = { ...v2, name: 'empty', collection: 'empty', handles: ['Nothing'] };
    const { store, reads } = counting(storage.eventStore);
    expect(await prepare(empty, store)).toMatchObject({ outcome: 'rebuilt', events: 0, deleted: 0 });
    expect(reads).toEqual({ calls: 1, events: 0 });
    expect(await prepare(empty, store)).toEqual({ outcome: 'current', version: 2 });
    expect(reads.calls).toBe(1);
  });

  it('lets the consumer started after the rebuild apply nothing twice', async () => {
    const relay = new Relay(storage.eventStore, storage.messageLog);
    relay.start();
    const committed = async () => {
      const offsets = await Promise.all(
        v1.topics.map((topic) => storage.messageLog.offsets(projectionGroup(v1.name), topic)),
      );
      return offsets.flat().every((partition) => partition.committed === partition.end);
    };
    // The release before: version 1 consumes c1's reception, then stops.
    let consumer = runProjection(v1, storage.messageLog, storage.documents, registry);
    await storage.eventStore.appendToStream(
      'intake-complaint-c1',
      [event('c1', 'ComplaintReceived')],
      'no_stream',
    );
    await until(async () => (await tallies().get('c1'))?.events === 1);
    await until(committed);
    await consumer.stop();
    // While no consumer runs, more is stored and relayed: the new consumer will be handed it again.
    await storage.eventStore.appendToStream('sla-c1', [event('c1', 'SlaStarted')], 'no_stream');
    await storage.eventStore.appendToStream(
      'intake-complaint-c2',
      [event('c2', 'ComplaintReceived')],
      'no_stream',
    );
    const head = await storage.eventStore.headPosition();
    await until(async () => (await storage.eventStore.checkpoint('relay')) === head);

    // This release: rebuild first, then consume from the group's committed offsets.
    expect(await prepare(v2, storage.eventStore)).toMatchObject({
      outcome: 'rebuilt',
      from: null,
      events: 3,
    });
    consumer = runProjection(v2, storage.messageLog, storage.documents, registry);
    await until(committed);
    await storage.eventStore.appendToStream('sla-c2', [event('c2', 'SlaStarted')], 'no_stream');
    await until(async () => (await tallies().get('c2'))?.events === 2);
    await until(committed);
    await consumer.stop();
    await relay.stop();

    expect(await tallies().get('c1')).toMatchObject({
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
      projectionVersion: 2,
    });
    expect(await tallies().get('c2')).toMatchObject({
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
      projectionVersion: 2,
    });
  });

  it('rebuilds once when two replicas prepare together: the other waits for it', async () => {
    await appendHistory();
    const a = counting(storage.eventStore);
    const b = counting(storage.eventStore);
    const progress = new Map<string, PrepareProgress[]>([
      ['replica-a', []],
      ['replica-b', []],
    ]);
    const replica = (owner: string, store: EventStore) =>
      prepare(v2, store, { owner, onProgress: (p) => progress.get(owner)!.push(p) });
    const results = await Promise.all([replica('replica-a', a.store), replica('replica-b', b.store)]);
    const winner = results.findIndex((result) => result.outcome === 'rebuilt');
    const [rebuilder, waiter] = winner === 0 ? ['replica-a', 'replica-b'] : ['replica-b', 'replica-a'];
    expect(results[winner]).toEqual({ outcome: 'rebuilt', version: 2, from: null, events: 3, deleted: 0 });
    expect(results[1 - winner]).toEqual({ outcome: 'rebuilt-elsewhere', version: 2, owner: rebuilder });
    const [winnerReads, waiterReads] = winner === 0 ? [a.reads, b.reads] : [b.reads, a.reads];
    expect(winnerReads.events).toBe(3);
    expect(waiterReads).toEqual({ calls: 0, events: 0 });
    expect(progress.get(waiter)?.[0]).toMatchObject({ phase: 'waiting', owner: rebuilder });
    expect(await tallies().get('c1')).toMatchObject({ events: 2, projectionVersion: 2 });
  });

  it('waits on a live lease, and takes over one whose owner stopped heartbeating', async () => {
    await appendHistory();
    const clock = new ManualClock('2026-11-23T08:00:00.000Z');
    const lease = (heartbeatAt: number) => ({
      _id: 'tally',
      version: 1,
      rebuiltAt: null,
      events: 0,
      rebuild: {
        owner: 'replica-z',
        version: 2,
        startedAt: '2026-11-23T07:00:00.000Z',
        heartbeatAt,
        events: 7,
      },
    });

    await versions().put(lease(clock.now().getTime() - 1_000));
    const { store, reads } = counting(storage.eventStore);
    const waited = prepare(v2, store, { clock, leaseMs: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(reads.calls).toBe(0);
    await versions().update('tally', { $set: { version: 2, rebuild: null } });
    expect(await waited).toEqual({ outcome: 'rebuilt-elsewhere', version: 2, owner: 'replica-z' });
    expect(reads.calls).toBe(0);

    await versions().put(lease(clock.now().getTime() - 61_000));
    expect(await prepare(v2, store, { clock, leaseMs: 60_000 })).toMatchObject({
      outcome: 'rebuilt',
      from: 1,
    });
    expect(await versions().get('tally')).toMatchObject({ version: 2, rebuild: null });
  });

  it('releases the lease when stopped, and the next start completes the rebuild', async () => {
    await appendHistory();
    const stop = new AbortController();
    const stopped = prepare(v2, storage.eventStore, {
      batchSize: 1,
      signal: stop.signal,
      onProgress: (progress) => {
        if (progress.events === 1) stop.abort(new Error('shutting down'));
      },
    });
    await expect(stopped).rejects.toThrow('shutting down');
    expect(await versions().get('tally')).toMatchObject({ version: null, rebuild: null });

    expect(await prepare(v2, storage.eventStore, { batchSize: 1 })).toMatchObject({
      outcome: 'rebuilt',
      events: 3,
    });
    expect(await tallies().get('c1')).toMatchObject({
      events: 2,
      types: ['ComplaintReceived', 'SlaStarted'],
    });
  });

  it('leaves views a newer version built alone', async () => {
    await appendHistory();
    await prepare(v3, storage.eventStore);
    const before = await tallies().find();
    const { store, reads } = counting(storage.eventStore);
    expect(await prepare(v2, store)).toEqual({ outcome: 'superseded', version: 2, stored: 3 });
    expect(reads.calls).toBe(0);
    expect(await tallies().find()).toEqual(before);
    expect(await versions().get('tally')).toMatchObject({ version: 3 });
  });
});
