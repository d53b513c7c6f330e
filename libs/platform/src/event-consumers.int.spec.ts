import { randomUUID } from 'node:crypto';
import { type DomainEvent, EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { DeadLetterHeaders, deadLetterTopic, type Message, type MessageLog } from '@kesu/ports';
import { eventually } from '@kesu/testing';
import { BackgroundWorkers } from './background-workers';
import { type Delivered, EventConsumers, StandDown } from './event-consumers';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import { startTestApp, type TestApp } from './test-support';
import { MESSAGE_LOG } from './tokens';

type Noted = DomainEvent<'Noted', { text: string; language: string }>;
type Cleared = DomainEvent<'Cleared', { at: string }>;

const EVENTS = new EventTypeRegistry([
  { type: 'Noted', schemaVersion: 2, upcasters: { 1: (data) => ({ ...(data as object), language: 'zh' }) } },
  { type: 'Cleared', schemaVersion: 1 },
]);

let position = 0;
function recorded(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  const correlationId = randomUUID();
  return {
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    streamId: `notes-${correlationId}`,
    revision: 0,
    globalPosition: ++position,
    occurredAt: '2026-11-23T02:00:00.000Z',
    recordedAt: '2026-11-23T02:00:00.001Z',
    tenantId: 'demo',
    branchId: 'east-1',
    correlationId,
    causationId: 'request-1',
    actor: { kind: 'service', id: 'test' },
    prevHash: '0',
    hash: '1',
  };
}

describe('EventConsumers', () => {
  let t: TestApp;
  let log: MessageLog;
  let topic: string;
  let group: string;

  beforeEach(async () => {
    t = await startTestApp({ relay: false, config: { pollIntervalMs: 10 } });
    log = t.app.get<MessageLog>(MESSAGE_LOG);
    topic = `complaints.notes-${randomUUID().slice(0, 8)}.v1`;
    group = `test.${randomUUID().slice(0, 8)}`;
  });
  afterEach(() => t.close());

  const publish = (...values: unknown[]) =>
    log.publish(
      topic,
      values.map((value) => ({ key: 'k', id: randomUUID(), value })),
    );
  const deadLetters = async (): Promise<Message[]> =>
    (
      await Promise.all([0, 1, 2, 3].map((partition) => log.read(deadLetterTopic(topic), { partition })))
    ).flat();
  const counter = async (name: string) => {
    const metric = await t.app.get(Metrics).registry.getSingleMetric(name)!.get();
    return metric.values.find((v) => v.labels.group === group)?.value;
  };

  it('hands the handler decoded events upcast to the current version, and skips other types', async () => {
    const handled: Array<Delivered<Noted | Cleared>> = [];
    t.app.get(EventConsumers).register<Noted | Cleared>({
      group,
      topics: [topic],
      events: EVENTS,
      handle: async (event) => void handled.push(event),
    });
    const old = recorded('Noted', 1, { text: '排队两个小时' });
    await publish(old, recorded('SomethingElse', 7, {}), recorded('Cleared', 1, { at: 'noon' }));
    await eventually('both events', () => handled.length === 2);
    expect(handled.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['Noted', 2],
      ['Cleared', 1],
    ]);
    const [noted] = handled;
    if (noted!.type === 'Noted') expect(noted!.data).toEqual({ text: '排队两个小时', language: 'zh' });
    expect(await counter('kesu_consumer_events_handled_total')).toBe(2);
    expect(t.app.get(BackgroundWorkers).names()).toContain(group);
    expect(t.app.get(EventConsumers).names()).toEqual([group]);
  });

  it('dead-letters a newer version and a malformed value at once, with the reason, and goes on', async () => {
    const handled: string[] = [];
    t.app.get(EventConsumers).register({
      group,
      topics: [topic],
      events: EVENTS,
      maxAttempts: 5,
      handle: async (event) => void handled.push(event.eventId),
    });
    const next = recorded('Cleared', 1, { at: 'noon' });
    await publish(recorded('Noted', 3, { text: 'x' }), { type: 'Noted' }, next);
    await eventually('the event after them', () => handled.includes(next.eventId));
    const dead = await deadLetters();
    expect(
      dead.map((m) => [m.headers[DeadLetterHeaders.error], m.headers[DeadLetterHeaders.attempts]]),
    ).toEqual([
      ['Noted v3 is newer than this consumer knows (v2)', '1'],
      [expect.stringMatching(/^not a recorded event: eventId is missing, not a string;/), '1'],
    ]);
    expect(handled).toEqual([next.eventId]);
    expect(await counter('kesu_consumer_dead_letters_total')).toBe(2);
    expect(await counter('kesu_consumer_delivery_failures_total')).toBe(2);
  });

  it('retries a failing handler and counts the dead letter the log writes after maxAttempts', async () => {
    t.app.get(EventConsumers).register({
      group,
      topics: [topic],
      events: EVENTS,
      maxAttempts: 2,
      retryBackoffMs: 5,
      handle: async () => {
        throw new Error('the store did not answer');
      },
    });
    await publish(recorded('Cleared', 1, { at: 'noon' }));
    await eventually('the dead letter', async () => (await deadLetters()).length === 1);
    expect((await deadLetters())[0]!.headers).toMatchObject({
      [DeadLetterHeaders.error]: 'the store did not answer',
      [DeadLetterHeaders.attempts]: '2',
    });
    expect(await counter('kesu_consumer_delivery_failures_total')).toBe(2);
    expect(await counter('kesu_consumer_dead_letters_total')).toBe(1);
  });

  it('hands batches to handleBatch, decoded the same way', async () => {
    const batches: string[][] = [];
    const single: string[] = [];
    await publish(...Array.from({ length: 5 }, (_, n) => recorded('Cleared', 1, { at: `${n}` })));
    t.app.get(EventConsumers).register<Cleared>({
      group,
      topics: [topic],
      events: EVENTS,
      handle: async (event) => void single.push(event.data.at),
      handleBatch: async (events) => void batches.push(events.map((e) => e.data.at)),
    });
    await eventually('the batch', () => batches.flat().length + single.length === 5);
    expect(batches).toEqual([['0', '1', '2', '3', '4']]);
  });

  it('is not ready while it prepares, consumes after, and reports a failed preparation', async () => {
    const readiness = t.app.get(Readiness);
    let finish!: () => void;
    const handled: string[] = [];
    t.app.get(EventConsumers).register({
      group,
      topics: [topic],
      events: EVENTS,
      prepare: async (_signal, report) => {
        report('rebuilding: 10 events folded');
        await new Promise<void>((resolve) => (finish = resolve));
      },
      handle: async (event) => void handled.push(event.eventId),
    });
    const event = recorded('Cleared', 1, { at: 'noon' });
    await publish(event);
    await eventually('preparing', async () => (await readiness.check()).checks[group] !== 'preparing');
    expect(await readiness.check()).toMatchObject({
      ready: false,
      checks: { [group]: 'rebuilding: 10 events folded' },
    });
    expect(handled).toEqual([]);
    finish();
    await eventually('the event', () => handled.length === 1);
    expect((await readiness.check()).checks[group]).toBe('ok');

    const failing = `${group}-failing`;
    t.app.get(EventConsumers).register({
      group: failing,
      topics: [topic],
      events: EVENTS,
      prepare: async () => {
        throw new Error('disk I/O error');
      },
      handle: async () => {},
    });
    await eventually('the failure', async () => (await readiness.check()).checks[failing] !== 'preparing');
    expect((await readiness.check()).checks[failing]).toBe('preparing failed, retrying: disk I/O error');
  });

  it('stands down without consuming when prepare says so', async () => {
    const handled: string[] = [];
    t.app.get(EventConsumers).register({
      group,
      topics: [topic],
      events: EVENTS,
      prepare: async () => {
        throw new StandDown('superseded: version 3 built the documents, this is version 2');
      },
      handle: async (event) => void handled.push(event.eventId),
    });
    await publish(recorded('Cleared', 1, { at: 'noon' }));
    const readiness = t.app.get(Readiness);
    await eventually('standing down', async () => (await readiness.check()).checks[group] !== 'preparing');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await readiness.check()).checks[group]).toBe(
      'superseded: version 3 built the documents, this is version 2',
    );
    expect(handled).toEqual([]);
    expect(() =>
      t.app.get(EventConsumers).register({ group, topics: [topic], events: EVENTS, handle: async () => {} }),
    ).toThrow(/registered already/);
  });
});
