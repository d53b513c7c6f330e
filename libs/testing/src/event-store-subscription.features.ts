import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@kesu/kernel';
import type { AllFilter, SubscriptionOptions } from '@kesu/ports';
import { eventually } from './contract-helpers';
import { aNewEvent } from './event-fixtures';
import type { EventStoreHarness } from './event-store.features';

const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.eventId);

/** Durable catch-up subscriptions, part of the event store contract; `harness` gives the current test's store. */
export function subscriptionFeatures(harness: () => EventStoreHarness, run: string): void {
  describe('durable subscriptions', () => {
    const scope = (): { prefix: string; filter: AllFilter; name: string } => {
      const prefix = `sub${run}${randomUUID().slice(0, 8)}`;
      return { prefix, filter: { streamPrefixes: [prefix] }, name: `subscriber-${randomUUID()}` };
    };
    const collect = (into: RecordedEvent[]): SubscriptionOptions['handler'] => {
      return async (events) => void into.push(...events);
    };

    it('has checkpoint 0 before it ever ran', async () => {
      expect(await harness().store.checkpoint(`never-${randomUUID()}`)).toBe(0);
    });

    it('delivers in global order and resumes after its checkpoint when reopened', async () => {
      const { prefix, filter, name } = scope();
      let store = harness().store;
      const early = [
        ...(await store.appendToStream(`${prefix}-a`, [aNewEvent('One'), aNewEvent('Two')], 'no_stream'))
          .events,
        ...(await store.appendToStream(`${prefix}-b`, [aNewEvent('Three')], 'no_stream')).events,
      ];
      const seen: RecordedEvent[] = [];
      const first = store.subscribe({ name, filter, batchSize: 2, handler: collect(seen) });
      await eventually('the first three events', () => seen.length >= 3);
      const live = (await store.appendToStream(`${prefix}-b`, [aNewEvent('Four')], 0)).events;
      await eventually('the live event', () => seen.length >= 4);
      await first.stop();
      expect(ids(seen)).toEqual(ids([...early, ...live]));
      expect(await store.checkpoint(name)).toBeGreaterThanOrEqual(live[0]!.globalPosition);

      const whileDown = (await store.appendToStream(`${prefix}-a`, [aNewEvent('Five')], 1)).events;
      store = await harness().restart();
      const afterRestart = (await store.appendToStream(`${prefix}-c`, [aNewEvent('Six')], 'no_stream'))
        .events;
      const resumed: RecordedEvent[] = [];
      const second = store.subscribe({ name, filter, handler: collect(resumed) });
      await eventually('the events appended meanwhile', () => resumed.length >= 2);
      const last = (await store.appendToStream(`${prefix}-c`, [aNewEvent('Seven')], 0)).events;
      await eventually('the event appended after the restart', () => resumed.length >= 3);
      await second.stop();
      expect(ids(resumed)).toEqual(ids([...whileDown, ...afterRestart, ...last]));
      expect(await store.checkpoint(name)).toBeGreaterThanOrEqual(last[0]!.globalPosition);
    });

    it('hands a batch again after its handler threw, reporting the error', async () => {
      const { prefix, filter, name } = scope();
      const store = harness().store;
      const appended = (
        await store.appendToStream(`${prefix}-a`, [aNewEvent('One'), aNewEvent('Two')], 'no_stream')
      ).events;
      const calls: string[][] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribe({
        name,
        filter,
        handler: async (events) => {
          calls.push(ids(events));
          if (calls.length === 1) throw new Error('projection unavailable');
        },
        onError: (error) => errors.push(error),
      });
      await eventually('the retry', () => calls.length >= 2);
      await subscription.stop();
      expect(calls).toEqual([ids(appended), ids(appended)]);
      expect(errors).toEqual([new Error('projection unavailable')]);
      expect(await store.checkpoint(name)).toBeGreaterThanOrEqual(appended[1]!.globalPosition);
    });

    it('stops after the batch in progress has been handled and checkpointed', async () => {
      const { prefix, filter, name } = scope();
      const store = harness().store;
      const appended = (await store.appendToStream(`${prefix}-a`, [aNewEvent('One')], 'no_stream')).events;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      let finished = false;
      const subscription = store.subscribe({
        name,
        filter,
        handler: async () => {
          started = true;
          await gate;
          finished = true;
        },
      });
      await eventually('the handler to start', () => started);
      const stopped = subscription.stop();
      release();
      await stopped;
      expect(finished).toBe(true);
      expect(await store.checkpoint(name)).toBeGreaterThanOrEqual(appended[0]!.globalPosition);
    });

    it('forgets the checkpoint of a subscription no longer run: under its name it starts again', async () => {
      const { prefix, filter, name } = scope();
      const store = harness().store;
      const appended = (await store.appendToStream(`${prefix}-a`, [aNewEvent('One')], 'no_stream')).events;
      const seen: RecordedEvent[] = [];
      const first = store.subscribe({ name, filter, handler: collect(seen) });
      await eventually('the event', () => seen.length >= 1);
      await first.stop();
      expect(await store.checkpoint(name)).toBeGreaterThan(0);
      await store.forgetSubscription(name);
      await store.forgetSubscription(name);
      await store.forgetSubscription(`never-${randomUUID()}`);
      expect(await store.checkpoint(name)).toBe(0);
      const again: RecordedEvent[] = [];
      const second = store.subscribe({ name, filter, handler: collect(again) });
      await eventually('the event from the beginning', () => again.length >= 1);
      await second.stop();
      expect(ids(again)).toEqual(ids(appended));
    });
  });
}
