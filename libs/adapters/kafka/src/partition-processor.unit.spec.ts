import { type Message, UndeliverableMessageError } from '@kesu/ports';
import { type DeliveryPolicy, type PartitionBatch, PartitionProcessor } from './partition-processor';

const message = (n: number): Message => ({
  topic: 't',
  partition: 0,
  offset: n,
  key: 'k',
  id: `k#${n}`,
  value: { n },
  headers: {},
  timestamp: '2026-01-01T00:00:00.000Z',
});
const range = (count: number) => Array.from({ length: count }, (_, n) => message(n));

/** A fetched batch whose consumer can be stopped from a test, recording commits and heartbeats. */
function fakeBatch(messages: readonly Message[]) {
  const state = { stopped: false, commits: [] as number[], heartbeats: 0 };
  const batch: PartitionBatch = {
    messages,
    mayProceed: () => !state.stopped,
    heartbeat: async () => void state.heartbeats++,
    commit: async (nextOffset) => void state.commits.push(nextOffset),
  };
  return { batch, state };
}

/** A processor whose dead letters and waits are recorded instead of published and slept. */
function processor(policy: Partial<DeliveryPolicy> & Pick<DeliveryPolicy, 'handler'>, onSleep = () => {}) {
  const deadLetters: Array<{ id: string; error: string; attempts: number }> = [];
  const sleeps: number[] = [];
  const instance = new PartitionProcessor(
    { maxAttempts: 5, retryBackoffMs: 100, batchSize: 100, ...policy },
    {
      deadLetter: async (m, error, attempts) =>
        void deadLetters.push({ id: m.id, error: (error as Error).message, attempts }),
      sleep: async (ms) => {
        sleeps.push(ms);
        onSleep();
      },
      heartbeatEveryMs: 1_000,
    },
  );
  return { instance, deadLetters, sleeps };
}

describe('PartitionProcessor', () => {
  it('delivers in offset order and commits past the last message', async () => {
    const delivered: string[] = [];
    const { instance } = processor({ handler: async (m) => void delivered.push(m.id) });
    const { batch, state } = fakeBatch(range(3));
    await instance.process(batch);
    expect(delivered).toEqual(['k#0', 'k#1', 'k#2']);
    expect(state.commits).toEqual([3]);
  });

  it('commits after every batchSize messages', async () => {
    const { instance } = processor({ handler: async () => {}, batchSize: 2 });
    const { batch, state } = fakeBatch(range(5));
    await instance.process(batch);
    expect(state.commits).toEqual([2, 4, 5]);
  });

  it('redelivers a failing message after the backoff, before the ones after it', async () => {
    const delivered: string[] = [];
    const { instance, sleeps, deadLetters } = processor({
      retryBackoffMs: 5,
      handler: async (m) => {
        delivered.push(m.id);
        if (m.id === 'k#1' && delivered.filter((id) => id === 'k#1').length === 1) throw new Error('once');
      },
    });
    const { batch, state } = fakeBatch(range(3));
    await instance.process(batch);
    expect(delivered).toEqual(['k#0', 'k#1', 'k#1', 'k#2']);
    expect(sleeps).toEqual([5]);
    expect(deadLetters).toEqual([]);
    expect(state.commits).toEqual([1, 3]);
  });

  it('dead-letters a message after maxAttempts deliveries, with doubling waits, and goes on', async () => {
    const delivered: string[] = [];
    const { instance, sleeps, deadLetters } = processor({
      maxAttempts: 3,
      retryBackoffMs: 5,
      handler: async (m) => {
        delivered.push(m.id);
        if (m.id === 'k#1') throw new Error('cannot handle k#1');
      },
    });
    const { batch, state } = fakeBatch(range(3));
    await instance.process(batch);
    expect(delivered).toEqual(['k#0', 'k#1', 'k#1', 'k#1', 'k#2']);
    expect(sleeps).toEqual([5, 10]);
    expect(deadLetters).toEqual([{ id: 'k#1', error: 'cannot handle k#1', attempts: 3 }]);
    expect(state.commits).toEqual([1, 2, 3]);
  });

  it('dead-letters a message the handler calls undeliverable at once, without retries, and goes on', async () => {
    const delivered: string[] = [];
    const { instance, sleeps, deadLetters } = processor({
      maxAttempts: 5,
      handler: async (m) => {
        delivered.push(m.id);
        if (m.id === 'k#1')
          throw new UndeliverableMessageError('Thing v2 is newer than this consumer knows (v1)');
      },
    });
    const { batch, state } = fakeBatch(range(3));
    await instance.process(batch);
    expect(delivered).toEqual(['k#0', 'k#1', 'k#2']);
    expect(sleeps).toEqual([]);
    expect(deadLetters).toEqual([
      { id: 'k#1', error: 'Thing v2 is newer than this consumer knows (v1)', attempts: 1 },
    ]);
    expect(state.commits).toEqual([1, 2, 3]);
  });

  it('recognises an undeliverable error by its name, after a failed batch, as from another copy of the port', async () => {
    const singles: string[] = [];
    const { instance, deadLetters } = processor({
      batchHandler: async (messages) => {
        if (messages.some((m) => m.id === 'k#2')) throw new Error('batch holds k#2');
      },
      handler: async (m) => {
        singles.push(m.id);
        if (m.id === 'k#2')
          throw Object.assign(new Error('malformed: no eventId'), { name: 'UndeliverableMessageError' });
      },
    });
    const { batch, state } = fakeBatch(range(4));
    await instance.process(batch);
    expect(singles).toEqual(['k#0', 'k#1', 'k#2']);
    expect(deadLetters).toEqual([{ id: 'k#2', error: 'malformed: no eventId', attempts: 1 }]);
    expect(state.commits).toEqual([2, 3, 4]);
  });

  it('hands batches to the batch handler and isolates a poison message through the single handler', async () => {
    const batches: string[][] = [];
    const singles: string[] = [];
    const { instance, deadLetters } = processor({
      maxAttempts: 2,
      retryBackoffMs: 5,
      batchHandler: async (messages) => {
        if (messages.some((m) => m.id === 'k#5')) throw new Error('batch holds k#5');
        batches.push(messages.map((m) => m.id));
      },
      handler: async (m) => {
        singles.push(m.id);
        if (m.id === 'k#5') throw new Error('cannot handle k#5');
      },
    });
    const { batch, state } = fakeBatch(range(8));
    await instance.process(batch);
    expect(singles).toEqual(['k#0', 'k#1', 'k#2', 'k#3', 'k#4', 'k#5', 'k#5']);
    expect(batches).toEqual([['k#6', 'k#7']]);
    expect(deadLetters.map((d) => d.id)).toEqual(['k#5']);
    expect(state.commits).toEqual([5, 6, 8]);
  });

  it('gives the batch handler at most batchSize messages at once', async () => {
    const batches: number[] = [];
    const { instance } = processor({
      batchSize: 3,
      batchHandler: async (messages) => void batches.push(messages.length),
      handler: async () => {
        throw new Error('not used');
      },
    });
    const { batch, state } = fakeBatch(range(7));
    await instance.process(batch);
    expect(batches).toEqual([3, 3, 1]);
    expect(state.commits).toEqual([3, 6, 7]);
  });

  it('stops after the message in progress when the consumer stops, and commits it', async () => {
    const delivered: string[] = [];
    const { batch, state } = fakeBatch(range(3));
    const { instance } = processor({
      handler: async (m) => {
        delivered.push(m.id);
        state.stopped = true;
      },
    });
    await instance.process(batch);
    expect(delivered).toEqual(['k#0']);
    expect(state.commits).toEqual([1]);
  });

  it('gives up a failing message without dead-lettering it when the consumer stops during the wait', async () => {
    const { batch, state } = fakeBatch(range(3));
    const delivered: string[] = [];
    const { instance, deadLetters } = processor(
      {
        maxAttempts: 3,
        handler: async (m) => {
          delivered.push(m.id);
          if (m.id === 'k#1') throw new Error('failing');
        },
      },
      () => void (state.stopped = true),
    );
    await instance.process(batch);
    expect(delivered).toEqual(['k#0', 'k#1']);
    expect(deadLetters).toEqual([]);
    expect(state.commits).toEqual([1]);
  });

  it('commits nothing when the consumer stops during the first message retry', async () => {
    const { batch, state } = fakeBatch(range(2));
    const { instance } = processor(
      {
        handler: async () => {
          throw new Error('failing');
        },
      },
      () => void (state.stopped = true),
    );
    await instance.process(batch);
    expect(state.commits).toEqual([]);
  });

  it('heartbeats through a long wait, in slices of the heartbeat interval', async () => {
    let failures = 0;
    const { instance, sleeps } = processor({
      retryBackoffMs: 2_500,
      handler: async () => {
        if (failures++ === 0) throw new Error('once');
      },
    });
    const { batch, state } = fakeBatch(range(1));
    await instance.process(batch);
    expect(sleeps).toEqual([1_000, 1_000, 500]);
    expect(state.heartbeats).toBeGreaterThanOrEqual(4);
  });

  describe('while one handler call runs', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    /** A handler call that lasts until the test ends it. */
    function longCall() {
      let started!: () => void;
      let end!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const call = () => {
        started();
        return new Promise<void>((resolve) => (end = resolve));
      };
      return { call, running, end: () => end() };
    }

    it('heartbeats every interval, so the group keeps a member whose handler is slow', async () => {
      const slow = longCall();
      const { instance } = processor({ handler: slow.call });
      const { batch, state } = fakeBatch(range(1));
      const processing = instance.process(batch);
      await slow.running;
      await jest.advanceTimersByTimeAsync(3_500);
      expect(state.heartbeats).toBe(3);
      slow.end();
      await processing;
      const afterwards = state.heartbeats;
      await jest.advanceTimersByTimeAsync(5_000);
      expect(state.heartbeats).toBe(afterwards);
    });

    it('heartbeats through a slow batch handler too', async () => {
      const slow = longCall();
      const { instance } = processor({ handler: async () => {}, batchHandler: slow.call });
      const { batch, state } = fakeBatch(range(3));
      const processing = instance.process(batch);
      await slow.running;
      await jest.advanceTimersByTimeAsync(2_000);
      expect(state.heartbeats).toBe(2);
      slow.end();
      await processing;
      expect(state.commits).toEqual([3]);
    });

    it('sends one heartbeat at a time', async () => {
      const slow = longCall();
      const { instance } = processor({ handler: slow.call });
      let heartbeats = 0;
      const { batch } = fakeBatch(range(1));
      const stuck: PartitionBatch = { ...batch, heartbeat: () => new Promise(() => void heartbeats++) };
      void instance.process(stuck);
      await slow.running;
      await jest.advanceTimersByTimeAsync(10_000);
      expect(heartbeats).toBe(1);
      slow.end();
    });
  });

  it('does nothing with a batch that may not proceed', async () => {
    const delivered: string[] = [];
    const { instance } = processor({ handler: async (m) => void delivered.push(m.id) });
    const { batch, state } = fakeBatch(range(2));
    state.stopped = true;
    await instance.process(batch);
    expect(delivered).toEqual([]);
    expect(state.commits).toEqual([]);
  });

  it('lets a failing dead-letter publication fail the batch, the poison uncommitted, so it is fetched again', async () => {
    const { batch, state } = fakeBatch(range(2));
    const instance = new PartitionProcessor(
      {
        maxAttempts: 1,
        retryBackoffMs: 0,
        batchSize: 100,
        handler: async (m) => {
          if (m.id === 'k#1') throw new Error('poison');
        },
      },
      {
        deadLetter: async () => {
          throw new Error('broker down');
        },
        sleep: async () => {},
        heartbeatEveryMs: 1_000,
      },
    );
    await expect(instance.process(batch)).rejects.toThrow('broker down');
    expect(state.commits).toEqual([1]);
  });
});
