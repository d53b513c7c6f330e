import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, verifyChains, type RecordedEvent } from '@kesu/kernel';
import { type AppendResult, type EventStore, WrongExpectedRevisionError } from '@kesu/ports';
import { eventually } from './contract-helpers';
import { aNewEvent } from './event-fixtures';
import { subscriptionFeatures } from './event-store-subscription.features';

/** An event store under test, with a way to reopen it on the same data. */
export interface EventStoreHarness {
  readonly store: EventStore;
  /** Closes the store and opens a new one on the same data. */
  restart(): Promise<EventStore>;
  /** Closes the current store (the reopened one after a restart). */
  close(): Promise<void>;
}

/** Opens an event store for one test. */
export type EventStoreFactory = () => Promise<EventStoreHarness>;

const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.eventId);

/**
 * The event store contract (EventStoreDB semantics), run against every adapter. Stream names are
 * unique per run, so the suite can share a server with other data.
 */
export function eventStoreFeatures(name: string, factory: EventStoreFactory): void {
  describe(`${name}: event store contract`, () => {
    const run = randomUUID().slice(0, 8);
    const stream = (category: string) => `${category}${run}-${randomUUID()}`;
    const current: { harness?: EventStoreHarness } = {};
    let store: EventStore;

    beforeEach(async () => {
      current.harness = await factory();
      store = current.harness.store;
    });
    afterEach(() => current.harness?.close());

    describe('append with an expected revision', () => {
      it("creates a stream with 'no_stream' and refuses to create it twice, writing nothing", async () => {
        const s = stream('order');
        const created = await store.appendToStream(s, [aNewEvent('Opened'), aNewEvent('Noted')], 'no_stream');
        expect(created.nextExpectedRevision).toBe(1);
        expect(created.events.map((e) => e.revision)).toEqual([0, 1]);
        expect(created.position).toBe(created.events[1]!.globalPosition);

        const again = store.appendToStream(s, [aNewEvent('Opened')], 'no_stream');
        await expect(again).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(again).rejects.toMatchObject({ streamId: s, expected: 'no_stream', actual: 1 });
        expect(ids(await store.readStream(s))).toEqual(ids(created.events));
      });

      it('appends at the exact revision and rejects a stale one, writing nothing', async () => {
        const s = stream('order');
        await store.appendToStream(s, [aNewEvent('Opened')], 'no_stream');
        const next = await store.appendToStream(s, [aNewEvent('Noted')], 0);
        expect(next.nextExpectedRevision).toBe(1);

        const stale = store.appendToStream(s, [aNewEvent('Noted'), aNewEvent('Noted')], 0);
        await expect(stale).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 0,
          actual: 1,
        });
        await expect(store.appendToStream(s, [aNewEvent('Noted')], 5)).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it("'stream_exists' needs the stream, 'any' takes it as it is", async () => {
        const s = stream('order');
        const missing = store.appendToStream(s, [aNewEvent('Noted')], 'stream_exists');
        await expect(missing).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(s)).toEqual([]);

        expect((await store.appendToStream(s, [aNewEvent('Opened')], 'any')).nextExpectedRevision).toBe(0);
        expect(
          (await store.appendToStream(s, [aNewEvent('Noted')], 'stream_exists')).nextExpectedRevision,
        ).toBe(1);
        expect((await store.appendToStream(s, [aNewEvent('Noted')], 'any')).nextExpectedRevision).toBe(2);
      });

      it('an empty append checks the expectation and returns the current revision', async () => {
        const s = stream('order');
        expect((await store.appendToStream(s, [], 'no_stream')).nextExpectedRevision).toBe(-1);
        await store.appendToStream(s, [aNewEvent('Opened')], 'no_stream');
        expect((await store.appendToStream(s, [], 0)).nextExpectedRevision).toBe(0);
        await expect(store.appendToStream(s, [], 'no_stream')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it.each([
        ['no_stream', 'no_stream' as const],
        ['revision 0', 0],
      ])('of concurrent appends expecting %s exactly one wins, the others conflict', async (_, expected) => {
        const s = stream('race');
        if (expected === 0) await store.appendToStream(s, [aNewEvent('Opened')], 'no_stream');
        const contenders = Array.from({ length: 5 }, () => aNewEvent('Claimed'));
        const results = await Promise.allSettled(
          contenders.map((e) => store.appendToStream(s, [e], expected)),
        );
        const won = results.filter(
          (r): r is PromiseFulfilledResult<AppendResult> => r.status === 'fulfilled',
        );
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(4);
        for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const stored = await store.readStream(s);
        expect(stored).toHaveLength(expected === 0 ? 2 : 1);
        expect(ids(won[0]!.value.events)).toEqual([stored[stored.length - 1]!.eventId]);
      });
    });

    describe('idempotent append', () => {
      it('returns the stored events when their ids are already at the stream', async () => {
        const s = stream('order');
        const events = [aNewEvent('Opened'), aNewEvent('Noted'), aNewEvent('Noted')];
        const first = await store.appendToStream(s, events, 'no_stream');
        const retry = await store.appendToStream(s, events, 'no_stream');
        expect(retry.events).toEqual(first.events);
        expect(retry.position).toBe(first.position);
        expect(retry.nextExpectedRevision).toBe(2);
        const tail = await store.appendToStream(s, events.slice(1), 0);
        expect(tail.events.map((e) => e.globalPosition)).toEqual(
          first.events.slice(1).map((e) => e.globalPosition),
        );
        expect(await store.readStream(s)).toEqual(first.events);
      });

      it('rejects a retry that only partly matches the stored events, writing nothing', async () => {
        const s = stream('order');
        const [opened, noted] = [aNewEvent('Opened'), aNewEvent('Noted')];
        await store.appendToStream(s, [opened, noted], 'no_stream');
        await expect(store.appendToStream(s, [noted, aNewEvent('Noted')], 'any')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(ids(await store.readStream(s))).toEqual([opened.eventId, noted.eventId]);
      });
    });

    describe('reads', () => {
      it('reads events exactly as the append returned them', async () => {
        const s = stream('order');
        const event = aNewEvent('Opened', {
          subject: 'late delivery',
          count: 3,
          tags: ['a'],
          nested: { x: null },
        });
        const { events } = await store.appendToStream(s, [event], 'no_stream');
        const [read] = await store.readStream(s);
        expect(read).toEqual(events[0]);
        expect(read).toMatchObject({ ...event, streamId: s, revision: 0 });
        expect(typeof read!.globalPosition).toBe('number');
        expect(new Date(read!.recordedAt).toISOString()).toBe(read!.recordedAt);
      });

      it('reads a stream forwards and backwards from a revision, up to a count', async () => {
        const s = stream('order');
        const all = (
          await store.appendToStream(
            s,
            [1, 2, 3, 4, 5].map((n) => aNewEvent('Noted', { n })),
            'no_stream',
          )
        ).events;
        expect(ids(await store.readStream(s))).toEqual(ids(all));
        expect(ids(await store.readStream(s, { fromRevision: 2, maxCount: 2 }))).toEqual(
          ids(all.slice(2, 4)),
        );
        expect(ids(await store.readStream(s, { direction: 'backwards' }))).toEqual(ids([...all].reverse()));
        const back = await store.readStream(s, { direction: 'backwards', fromRevision: 3, maxCount: 2 });
        expect(back.map((e) => e.revision)).toEqual([3, 2]);
        expect(await store.readStream(s, { fromRevision: 9 })).toEqual([]);
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it("reads one correlation id's events across streams in global order", async () => {
        const correlationId = randomUUID();
        const [a, b, other] = [stream('intake'), stream('sla'), stream('intake')];
        const on = (type: string) => aNewEvent(type, {}, { correlationId });
        const appended = [
          ...(await store.appendToStream(a, [on('Received'), on('Classified')], 'no_stream')).events,
          ...(await store.appendToStream(b, [on('ClockStarted')], 'no_stream')).events,
        ];
        await store.appendToStream(other, [aNewEvent('Received')], 'no_stream');
        appended.push(...(await store.appendToStream(a, [on('Resolved')], 1)).events);

        // Distributed stores index correlation ids asynchronously (EventStoreDB's projection).
        let history: RecordedEvent[] = [];
        await eventually('the correlation id to hold all 4 events', async () => {
          history = await store.readByCorrelationId(correlationId);
          return history.length >= 4;
        });
        expect(ids(history)).toEqual(ids(appended));
        const positions = history.map((e) => e.globalPosition);
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        expect(verifyChains(history)).toEqual({ valid: true, eventsChecked: 4 });
        expect(await store.readByCorrelationId(randomUUID())).toEqual([]);
      });

      it('reads the global log after a position, filtered by stream prefix and event type', async () => {
        const [alpha, beta] = [
          `alpha${run}${randomUUID().slice(0, 8)}`,
          `beta${run}${randomUUID().slice(0, 8)}`,
        ];
        const [typeA, typeB] = [`Alpha${run}`, `Beta${run}`];
        const before = await store.headPosition();
        const appended = [
          ...(await store.appendToStream(`${alpha}-1`, [aNewEvent(typeA), aNewEvent(typeA)], 'no_stream'))
            .events,
          ...(await store.appendToStream(`${beta}-1`, [aNewEvent(typeB)], 'no_stream')).events,
          ...(await store.appendToStream(`${alpha}-2`, [aNewEvent(typeB)], 'no_stream')).events,
        ];
        const ours = { streamPrefixes: [alpha, beta] };
        expect(await store.headPosition()).toBeGreaterThanOrEqual(appended[3]!.globalPosition);
        expect(ids(await store.readAll({ fromPosition: before, filter: ours }))).toEqual(ids(appended));
        const afterFirst = await store.readAll({
          fromPosition: appended[0]!.globalPosition,
          maxCount: 1,
          filter: ours,
        });
        expect(ids(afterFirst)).toEqual([appended[1]!.eventId]);
        const alphas = await store.readAll({ fromPosition: before, filter: { streamPrefixes: [alpha] } });
        expect(ids(alphas)).toEqual(ids([appended[0]!, appended[1]!, appended[3]!]));
        const betas = await store.readAll({ fromPosition: before, filter: { eventTypes: [typeB] } });
        expect(ids(betas)).toEqual(ids(appended.slice(2)));
        const both = await store.readAll({
          fromPosition: before,
          filter: { streamPrefixes: [alpha], eventTypes: [typeB] },
        });
        expect(ids(both)).toEqual([appended[3]!.eventId]);
      });
    });

    describe('hash chain', () => {
      it('links each event to the previous one of its stream and verifies', async () => {
        const s = stream('order');
        await store.appendToStream(s, [aNewEvent('Opened'), aNewEvent('Noted')], 'no_stream');
        await store.appendToStream(s, [aNewEvent('Closed', { reason: 'resolved' })], 1);
        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(events[0]!.prevHash).toBe(GENESIS_HASH);
        expect(events.slice(1).map((e) => e.prevHash)).toEqual(events.slice(0, 2).map((e) => e.hash));
        expect(verifyChains(events)).toEqual({ valid: true, eventsChecked: 3 });
        const tampered = events.map((e, i) => (i === 2 ? { ...e, data: { reason: 'rejected' } } : e));
        expect(verifyChains(tampered)).toMatchObject({
          valid: false,
          brokenAt: { streamId: s, revision: 2 },
        });
      });
    });

    subscriptionFeatures(() => current.harness!, run);
  });
}
