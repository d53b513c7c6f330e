import type { RecordedEvent } from '@kesu/kernel';
import type { SubscriptionOptions } from '@kesu/ports';
import { eventually } from '@kesu/testing';
import { KurrentSubscription, type SubscriptionSource } from './kurrent-subscription';
import type { LogFeed } from './readable-feed';

const at = (position: number) => ({ globalPosition: position, eventId: `e${position}` }) as RecordedEvent;
const positions = (events: readonly RecordedEvent[]) => events.map((e) => e.globalPosition);
const quick = { firstMs: 5, maxMs: 20 };

/** A log in memory: feeds hand out its events after their start in batches; `fail` drops the open feeds. */
class FakeLog implements SubscriptionSource {
  readonly events: RecordedEvent[] = [];
  readonly checkpoints = new Map<string, number>();
  readonly opened: number[] = [];
  failCheckpointWrites = 0;
  private readonly feeds = new Set<{ fail: (error: Error) => void }>();
  private wake: (() => void) | undefined;

  append(...at: RecordedEvent[]): void {
    this.events.push(...at);
    this.wake?.();
  }

  fail(error: Error): void {
    for (const feed of this.feeds) feed.fail(error);
  }

  async loadCheckpoint(name: string): Promise<number> {
    return this.checkpoints.get(name) ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    if (this.failCheckpointWrites > 0 && this.failCheckpointWrites--)
      throw new Error('checkpoint write failed');
    this.checkpoints.set(name, position);
  }

  open(after: number): LogFeed {
    this.opened.push(after);
    let position = after;
    let interrupted = false;
    let failure: Error | undefined;
    const feed = { fail: (error: Error) => ((failure = error), this.wake?.()) };
    this.feeds.add(feed);
    return {
      next: async (max) => {
        for (;;) {
          if (interrupted) return [];
          if (failure) throw failure;
          const batch = this.events.filter((e) => e.globalPosition > position).slice(0, max);
          if (batch.length > 0) {
            position = batch[batch.length - 1]!.globalPosition;
            return batch;
          }
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      },
      interrupt: () => {
        interrupted = true;
        this.wake?.();
      },
      close: async () => void this.feeds.delete(feed),
    };
  }
}

function subscribe(
  log: FakeLog,
  options: Partial<SubscriptionOptions> & Pick<SubscriptionOptions, 'handler'>,
) {
  return new KurrentSubscription(log, { name: 'projector', ...options }, quick);
}

describe('a durable subscription on the server', () => {
  it('hands batches in order and checkpoints after each', async () => {
    const log = new FakeLog();
    log.append(at(10), at(20), at(30));
    const batches: number[][] = [];
    const checkpoints: number[] = [];
    const subscription = subscribe(log, {
      batchSize: 2,
      handler: async (events) => {
        batches.push(positions(events));
        checkpoints.push(await log.loadCheckpoint('projector'));
      },
    });
    await eventually('both batches', () => batches.length === 2);
    log.append(at(40));
    await eventually('the live event', () => batches.length === 3);
    await subscription.stop();
    expect(batches).toEqual([[10, 20], [30], [40]]);
    expect(checkpoints).toEqual([0, 20, 30]);
    expect(log.checkpoints.get('projector')).toBe(40);
  });

  it('starts after the stored checkpoint', async () => {
    const log = new FakeLog();
    log.append(at(10), at(20), at(30));
    log.checkpoints.set('projector', 20);
    const seen: RecordedEvent[] = [];
    const subscription = subscribe(log, { handler: async (events) => void seen.push(...events) });
    await eventually('the event after the checkpoint', () => seen.length === 1);
    await subscription.stop();
    expect(positions(seen)).toEqual([30]);
    expect(log.opened).toEqual([20]);
  });

  it('hands the same batch again after its handler threw, reporting the error', async () => {
    const log = new FakeLog();
    log.append(at(10), at(20));
    const calls: number[][] = [];
    const errors: unknown[] = [];
    const subscription = subscribe(log, {
      handler: async (events) => {
        calls.push(positions(events));
        if (calls.length <= 2) throw new Error('projection unavailable');
      },
      onError: (error) => errors.push(error),
    });
    await eventually('the third call', () => calls.length === 3);
    await subscription.stop();
    expect(calls).toEqual([
      [10, 20],
      [10, 20],
      [10, 20],
    ]);
    expect(errors).toEqual([new Error('projection unavailable'), new Error('projection unavailable')]);
    expect(log.checkpoints.get('projector')).toBe(20);
  });

  it('retries a failed checkpoint write without handing the batch again', async () => {
    const log = new FakeLog();
    log.failCheckpointWrites = 1;
    log.append(at(10));
    const calls: number[][] = [];
    const errors: unknown[] = [];
    const subscription = subscribe(log, {
      handler: async (events) => void calls.push(positions(events)),
      onError: (error) => errors.push(error),
    });
    await eventually('the checkpoint', () => log.checkpoints.get('projector') === 10);
    await subscription.stop();
    expect(calls).toEqual([[10]]);
    expect(errors).toEqual([new Error('checkpoint write failed')]);
  });

  it('reopens a dropped feed after its last checkpoint', async () => {
    const log = new FakeLog();
    log.append(at(10));
    const seen: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const subscription = subscribe(log, {
      handler: async (events) => void seen.push(...events),
      onError: (error) => errors.push(error),
    });
    await eventually('the first event', () => seen.length === 1);
    log.fail(new Error('connection lost'));
    await eventually('the feed to be reopened', () => log.opened.length === 2);
    log.append(at(20));
    await eventually('the event after the drop', () => seen.length === 2);
    await subscription.stop();
    expect(positions(seen)).toEqual([10, 20]);
    expect(log.opened).toEqual([0, 10]);
    expect(errors).toEqual([new Error('connection lost')]);
  });

  it('stops after the batch in progress has been handled and checkpointed', async () => {
    const log = new FakeLog();
    log.append(at(10));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const subscription = subscribe(log, {
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
    expect(log.checkpoints.get('projector')).toBe(10);
  });

  it('stops while waiting for events, and while backing off from a failing handler', async () => {
    const idle = subscribe(new FakeLog(), { handler: async () => undefined });
    await idle.stop();

    const log = new FakeLog();
    log.append(at(10));
    let calls = 0;
    const failing = new KurrentSubscription(
      log,
      {
        name: 'projector',
        handler: async () => {
          calls++;
          throw new Error('down');
        },
      },
      { firstMs: 60_000, maxMs: 60_000 },
    );
    await eventually('the first call', () => calls === 1);
    await failing.stop();
    expect(log.checkpoints.has('projector')).toBe(false);
  });
});
