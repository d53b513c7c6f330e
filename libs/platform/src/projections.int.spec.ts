import { randomUUID } from 'node:crypto';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import {
  DeadLetterHeaders,
  deadLetterTopic,
  type DocumentStore,
  type EventStore,
  type MessageLog,
  PROJECTION_VERSIONS,
  type Projected,
  type Projection,
  type ProjectionVersionRecord,
} from '@kesu/ports';
import { aNewEvent, eventually } from '@kesu/testing';
import { Projections } from './projections';
import { Readiness } from './readiness';
import { startTestApp, type TestApp } from './test-support';
import { DOCUMENT_STORE, EVENT_STORE, MESSAGE_LOG } from './tokens';

type Tally = { _id: string; counted: number } & Projected;

const tallies = (name: string, version = 1): Projection<Tally> => ({
  name,
  version,
  collection: `tallies_${name.replaceAll('-', '_')}`,
  topics: [`complaints.${name}.v1`],
  handles: ['Counted'],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => ({
    _id: event.correlationId,
    counted: (doc?.counted ?? 0) + (event.data as { by: number }).by,
  }),
});

/** `Counted` v2 carries `by`; v1 counted one. */
const EVENTS = new EventTypeRegistry([
  { type: 'Counted', schemaVersion: 2, upcasters: { 1: (data) => ({ ...(data as object), by: 1 }) } },
]);

describe('Projections', () => {
  let t: TestApp;
  let store: EventStore;
  let documents: DocumentStore;
  let name: string;

  beforeEach(async () => {
    t = await startTestApp({ relay: false, config: { pollIntervalMs: 10 } });
    store = t.app.get<EventStore>(EVENT_STORE);
    documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
    name = `tally-${randomUUID().slice(0, 8)}`;
  });
  afterEach(() => t.close());

  const count = async (id: string, by?: number, schemaVersion = 2): Promise<RecordedEvent> => {
    const data = by === undefined ? {} : { by };
    const event = aNewEvent('Counted', data, { correlationId: id, schemaVersion });
    const { events } = await store.appendToStream(`${name}-${randomUUID()}`, [event], 'no_stream');
    return events[0]!;
  };
  const ready = async () => (await t.app.get(Readiness).check()).checks[`projection.${name}`];

  it('rebuilds from the event store before consuming, then applies live events decoded and upcast', async () => {
    await count('a', undefined, 1);
    await count('a', 5);
    const projection = tallies(name);
    await t.app.get(Projections).register({ projection, events: EVENTS, indexes: [{ fields: ['counted'] }] });
    await eventually('ready', async () => (await ready()) === 'ok');
    const collection = documents.collection<Tally>(projection.collection);
    expect(await collection.get('a')).toMatchObject({ counted: 6, projectionVersion: 1 });
    expect(await documents.collection<ProjectionVersionRecord>(PROJECTION_VERSIONS).get(name)).toMatchObject({
      version: 1,
      events: 2,
    });

    const log = t.app.get<MessageLog>(MESSAGE_LOG);
    const [topic] = projection.topics;
    const live = await count('a', 10);
    const newer = { ...(await count('b', 1)), schemaVersion: 3 };
    await log.publish(topic!, [
      { key: 'b', id: newer.eventId, value: newer },
      { key: 'a', id: live.eventId, value: live },
    ]);
    await eventually('the live event', async () => (await collection.get('a'))?.counted === 16);
    let dead: string[] = [];
    await eventually('the dead letter', async () => {
      const read = await Promise.all(
        [0, 1, 2, 3].map((p) => log.read(deadLetterTopic(topic!), { partition: p })),
      );
      dead = read.flat().map((m) => m.headers[DeadLetterHeaders.error]!);
      return dead.length > 0;
    });
    expect(dead).toEqual(['Counted v3 is newer than this consumer knows (v2)']);
    expect(await collection.get('b')).toBeNull();
  });

  it('does not consume when a newer fold built the documents, and says so in readiness', async () => {
    await documents
      .collection<ProjectionVersionRecord>(PROJECTION_VERSIONS)
      .put({ _id: name, version: 3, rebuiltAt: null, events: 0, rebuild: null });
    await t.app.get(Projections).register({ projection: tallies(name, 2), events: EVENTS });
    await eventually('superseded', async () => (await ready())!.startsWith('superseded'));
    expect(await ready()).toBe(
      "superseded: the documents were built by version 3, newer than this release's 2 " +
        '(to roll a fold back, release it under a higher version)',
    );
  });

  it('refuses a projection that handles types its event types do not hold', async () => {
    await expect(
      t.app.get(Projections).register({ projection: tallies(name), events: new EventTypeRegistry() }),
    ).rejects.toThrow(`projection ${name} handles Counted, not among its event types`);
  });
});
