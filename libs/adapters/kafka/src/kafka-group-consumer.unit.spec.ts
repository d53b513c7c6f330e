import type { ConsumerOptions, Message } from '@kesu/ports';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { type GroupConsumerContext, KafkaGroupConsumer } from './kafka-group-consumer';
import type { KafkaLogger } from './kafka-options';
import { MessageIdHeader } from './message-codec';

const tuning: GroupConsumerContext['tuning'] = {
  sessionTimeout: 6_000,
  rebalanceTimeout: 6_000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
  batchSize: 100,
  partitionsConsumedConcurrently: 1,
};

/** A kafkajs client whose consumer records what it is asked and hands `eachBatch` to the test. */
function fakeKafka() {
  const calls: string[] = [];
  const listeners = new Map<string, (event: { payload: unknown }) => void>();
  let run: ConsumerRunConfig | undefined;
  const consumer = {
    events: {
      GROUP_JOIN: 'consumer.group_join',
      REBALANCING: 'consumer.rebalancing',
      CRASH: 'consumer.crash',
    },
    connect: async () => void calls.push('connect'),
    subscribe: async ({ topics, fromBeginning }: { topics: string[]; fromBeginning: boolean }) =>
      void calls.push(`subscribe ${topics.join(',')} fromBeginning=${fromBeginning}`),
    run: async (config: ConsumerRunConfig) => {
      run = config;
      calls.push(`run autoCommit=${config.autoCommit} autoResolve=${config.eachBatchAutoResolve}`);
    },
    disconnect: async () => void calls.push('disconnect'),
    on: (event: string, listener: (event: { payload: unknown }) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  const kafka = {
    consumer: (config: { groupId: string; sessionTimeout: number }) => {
      calls.push(`consumer ${config.groupId} session=${config.sessionTimeout}`);
      return consumer;
    },
  } as unknown as Kafka;
  const joined = async () => {
    for (let i = 0; i < 100 && !run; i++) await new Promise((resolve) => setImmediate(resolve));
    if (!run) throw new Error('the consumer never ran');
  };
  const eachBatch = (payload: EachBatchPayload) => run!.eachBatch!(payload);
  return { kafka, calls, listeners, joined, eachBatch };
}

const record = (offset: number, id = `m${offset}`): KafkaMessage =>
  ({
    key: Buffer.from('k'),
    value: Buffer.from(JSON.stringify({ offset })),
    timestamp: '0',
    attributes: 0,
    offset: String(offset),
    headers: { [MessageIdHeader]: Buffer.from(id) },
  }) as KafkaMessage;

/** An `eachBatch` payload over records of partition 1 of `t`, recording resolves and commits. */
function batchOf(records: KafkaMessage[], options: { stale?: boolean; lastOffset?: number } = {}) {
  const log: string[] = [];
  let stale = options.stale ?? false;
  let heartbeatError: Error | undefined;
  const payload = {
    batch: {
      topic: 't',
      partition: 1,
      highWatermark: '100',
      messages: records,
      isEmpty: () => records.length === 0,
      firstOffset: () => records[0]?.offset ?? null,
      lastOffset: () => String(options.lastOffset ?? Number(records[records.length - 1]!.offset)),
      offsetLag: () => '0',
      offsetLagLow: () => '0',
    },
    resolveOffset: (offset: string) => void log.push(`resolve ${offset}`),
    heartbeat: async () => {
      if (heartbeatError) throw heartbeatError;
    },
    pause: () => () => {},
    commitOffsetsIfNecessary: async (offsets?: {
      topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
    }) => {
      for (const { topic, partitions } of offsets!.topics)
        for (const p of partitions) log.push(`commit ${topic}/${p.partition}@${p.offset}`);
    },
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => true,
    isStale: () => stale,
  } as unknown as EachBatchPayload;
  return {
    payload,
    log,
    failHeartbeats: (error: Error) => void (heartbeatError = error),
    goStale: () => void (stale = true),
  };
}

function recordingLogger() {
  const lines: string[] = [];
  const logger: KafkaLogger = {
    info: (message) => void lines.push(`info ${message}`),
    warn: (message) => void lines.push(`warn ${message}`),
    error: (message) => void lines.push(`error ${message}`),
  };
  return { logger, lines };
}

/** A consumer on the fake client, with what it handled and dead-lettered. */
function start(options: Partial<ConsumerOptions> = {}, context: Partial<GroupConsumerContext> = {}) {
  const fake = fakeKafka();
  const handled: Message[] = [];
  const deadLetters: Array<{ id: string; attempts: number }> = [];
  const ensured: string[] = [];
  const consumer = new KafkaGroupConsumer(
    fake.kafka,
    { group: 'g', topics: ['t'], retryBackoffMs: 1, handler: async (m) => void handled.push(m), ...options },
    {
      ensureTopics: async (topics) => void ensured.push(...topics),
      deadLetter: async (m, _error, attempts) => void deadLetters.push({ id: m.id, attempts }),
      tuning,
      ...context,
    },
  );
  consumer.start();
  return { ...fake, consumer, handled, deadLetters, ensured };
}

describe('KafkaGroupConsumer', () => {
  it('joins after creating its topics, reading from the beginning and committing itself', async () => {
    const { joined, calls, ensured, consumer } = start();
    await joined();
    expect(ensured).toEqual(['t']);
    expect(calls).toEqual([
      'consumer g session=6000',
      'connect',
      'subscribe t fromBeginning=true',
      'run autoCommit=false autoResolve=false',
    ]);
    await consumer.stop();
    expect(calls[calls.length - 1]).toBe('disconnect');
  });

  it('hands mapped messages to the handler and commits past the last one', async () => {
    const { joined, eachBatch, handled, consumer } = start();
    await joined();
    const { payload, log } = batchOf([record(4), record(5)]);
    await eachBatch(payload);
    expect(handled.map((m) => [m.topic, m.partition, m.offset, m.id, m.value])).toEqual([
      ['t', 1, 4, 'm4', { offset: 4 }],
      ['t', 1, 5, 'm5', { offset: 5 }],
    ]);
    expect(log).toEqual(['resolve 5', 'commit t/1@6']);
    await consumer.stop();
  });

  it('commits past records kafkajs filtered out after the last message', async () => {
    const { joined, eachBatch, consumer } = start();
    await joined();
    const { payload, log } = batchOf([record(0)], { lastOffset: 1 });
    await eachBatch(payload);
    expect(log).toEqual(['resolve 1', 'commit t/1@2']);
    await consumer.stop();
  });

  it('dead-letters a message after maxAttempts and commits past it', async () => {
    const { joined, eachBatch, deadLetters, consumer } = start({
      maxAttempts: 2,
      handler: async (m) => {
        if (m.id === 'm1') throw new Error('poison');
      },
    });
    await joined();
    const { payload, log } = batchOf([record(0), record(1), record(2)]);
    await eachBatch(payload);
    expect(deadLetters).toEqual([{ id: 'm1', attempts: 2 }]);
    expect(log).toEqual([
      'resolve 0',
      'commit t/1@1',
      'resolve 1',
      'commit t/1@2',
      'resolve 2',
      'commit t/1@3',
    ]);
    await consumer.stop();
  });

  it('neither handles nor commits a stale batch', async () => {
    const { joined, eachBatch, handled, consumer } = start();
    await joined();
    const { payload, log } = batchOf([record(0)], { stale: true });
    await eachBatch(payload);
    expect(handled).toEqual([]);
    expect(log).toEqual([]);
    await consumer.stop();
  });

  it('commits nothing for a partition that went stale while a message was handled', async () => {
    const batch = batchOf([record(0), record(1)]);
    const { joined, eachBatch, handled, consumer } = start({
      handler: async (m) => {
        handled.push(m);
        batch.goStale();
      },
    });
    await joined();
    await eachBatch(batch.payload);
    expect(handled.map((m) => m.offset)).toEqual([0]);
    expect(batch.log).toEqual([]);
    await consumer.stop();
  });

  it('ends a batch whose heartbeat fails after committing the message in progress, and rethrows', async () => {
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const batch = batchOf([record(0), record(1), record(2)]);
    const { joined, eachBatch, handled, consumer } = start({
      handler: async (m) => {
        handled.push(m);
        batch.failHeartbeats(rebalancing);
      },
    });
    await joined();
    await expect(eachBatch(batch.payload)).rejects.toBe(rebalancing);
    expect(handled.map((m) => m.offset)).toEqual([0]);
    expect(batch.log).toEqual(['resolve 0', 'commit t/1@1']);
    await consumer.stop();
  });

  it('ignores batches once stopping, so nothing is handled after stop was asked for', async () => {
    const { joined, eachBatch, handled, consumer, calls } = start();
    await joined();
    const stopped = consumer.stop();
    const { payload, log } = batchOf([record(0)]);
    await eachBatch(payload);
    await stopped;
    expect(handled).toEqual([]);
    expect(log).toEqual([]);
    expect(calls.filter((c) => c === 'disconnect')).toHaveLength(1);
    await consumer.stop();
    expect(calls.filter((c) => c === 'disconnect')).toHaveLength(1);
  });

  it('keeps trying to start while its topics cannot be created, and stops at once when asked', async () => {
    const { logger, lines } = recordingLogger();
    let tries = 0;
    const { consumer, calls } = start(
      {},
      {
        logger,
        ensureTopics: async () => {
          tries++;
          throw new Error('cluster unreachable');
        },
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = Date.now();
    await consumer.stop();
    expect(Date.now() - asked).toBeLessThan(500);
    expect(tries).toBe(1);
    expect(lines).toEqual(['error Kafka consumer could not start, trying again']);
    expect(calls).not.toContain('run autoCommit=false autoResolve=false');
  });

  it('logs group joins and crashes through the injected logger', async () => {
    const { logger, lines } = recordingLogger();
    const { joined, listeners, consumer } = start({}, { logger });
    await joined();
    listeners.get('consumer.group_join')!({
      payload: { memberId: 'member-1', isLeader: true, memberAssignment: { t: [0, 1] }, duration: 12 },
    });
    listeners.get('consumer.crash')!({ payload: { error: new Error('boom'), groupId: 'g', restart: true } });
    listeners.get('consumer.crash')!({
      payload: { error: new Error('fatal'), groupId: 'g', restart: false },
    });
    expect(lines).toEqual([
      'info Kafka consumer joined its group',
      'error Kafka consumer crashed and restarts',
      'error Kafka consumer crashed and stays stopped',
    ]);
    await consumer.stop();
    expect(listeners.size).toBe(0);
  });
});
