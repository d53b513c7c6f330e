import {
  type Consumer,
  type ConsumerOptions,
  DeadLetterHeaders,
  deadLetterTopic,
  type Message,
  type MessageLog,
  type OutgoingMessage,
  UndeliverableMessageError,
} from '@kesu/ports';
import { delay, eventually, uniqueName } from './contract-helpers';

/** A message log under test; `restart` closes it and opens it again on the same storage. */
export interface MessageLogFixture {
  readonly log: MessageLog;
  readonly restart: () => Promise<MessageLog>;
  readonly close: () => Promise<void>;
}

const message = (key: string, n: number): OutgoingMessage => ({ key, id: `${key}#${n}`, value: { key, n } });

/** The contract every message log adapter passes: Kafka semantics, at-least-once, dead letters. */
export function messageLogFeatures(name: string, factory: () => Promise<MessageLogFixture>): void {
  describe(`${name} message log`, () => {
    let fixture: MessageLogFixture;
    let log: MessageLog;
    let consumers: Consumer[];
    let topic: string;
    let group: string;

    const consume = (options: Omit<ConsumerOptions, 'topics' | 'group'> & { group?: string }): Consumer => {
      const consumer = log.consume({ group, topics: [topic], retryBackoffMs: 5, ...options });
      consumers.push(consumer);
      return consumer;
    };
    const collect = (into: Message[]) => async (m: Message) => void into.push(m);
    const ids = (messages: Message[]) => messages.map((m) => m.id);

    async function readAll(of: string): Promise<Message[]> {
      const partitions = await log.offsets(uniqueName('reader'), of);
      const pages = await Promise.all(
        partitions.map((p) => log.read(of, { partition: p.partition, maxCount: 1000 })),
      );
      return pages.flat();
    }

    beforeEach(async () => {
      fixture = await factory();
      log = fixture.log;
      consumers = [];
      topic = uniqueName('complaints.test.v1');
      group = uniqueName('group');
    });

    afterEach(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await fixture.close();
    });

    it('delivers each key in publish order, one key to one partition, offsets counting from 0', async () => {
      await log.ensureTopic(topic, 4);
      const keys = Array.from({ length: 12 }, (_, i) => `complaint-${i}`);
      for (let round = 0; round < 15; round += 3) {
        await log.publish(
          topic,
          [0, 1, 2].flatMap((n) => keys.map((key) => message(key, round + n))),
        );
      }
      const received: Message[] = [];
      consume({ handler: collect(received) });
      await eventually('all messages', () => received.length === keys.length * 15);

      for (const key of keys) {
        const own = received.filter((m) => m.key === key);
        expect(own.map((m) => (m.value as { n: number }).n)).toEqual(Array.from({ length: 15 }, (_, n) => n));
        expect(new Set(own.map((m) => m.partition)).size).toBe(1);
      }
      const partitions = [...new Set(received.map((m) => m.partition))];
      expect(partitions.length).toBeGreaterThan(1);
      for (const partition of partitions) {
        const offsets = received.filter((m) => m.partition === partition).map((m) => m.offset);
        expect(offsets).toEqual(offsets.map((_, i) => i));
      }
    });

    it('maps messages back with value, headers and timestamp', async () => {
      await log.publish(topic, [
        { key: 'k', id: 'm1', value: { a: [1, 'x'], b: null }, headers: { h: 'v' } },
      ]);
      const [stored] = await readAll(topic);
      expect(stored).toMatchObject({ topic, key: 'k', id: 'm1', offset: 0, value: { a: [1, 'x'], b: null } });
      expect(stored!.headers).toEqual({ h: 'v' });
      expect(new Date(stored!.timestamp).toISOString()).toBe(stored!.timestamp);
    });

    it('reads a partition from an offset', async () => {
      await log.publish(
        topic,
        [0, 1, 2, 3, 4].map((n) => message('k', n)),
      );
      const partition = (await readAll(topic))[0]!.partition;
      const page = await log.read(topic, { partition, fromOffset: 2, maxCount: 2 });
      expect(page.map((m) => [m.offset, m.id])).toEqual([
        [2, 'k#2'],
        [3, 'k#3'],
      ]);
    });

    it('ignores a message id published again', async () => {
      await log.publish(topic, [message('k', 1), message('k', 2)]);
      await log.publish(topic, [message('k', 1), message('k', 3), message('k', 3)]);
      await log.publish(topic, [message('k', 2), message('k', 4)]);
      const received: Message[] = [];
      consume({ handler: collect(received) });
      await eventually('the last message', () => received.some((m) => m.id === 'k#4'));
      expect(ids(received)).toEqual(['k#1', 'k#2', 'k#3', 'k#4']);
      const offsets = await log.offsets(group, topic);
      expect(offsets.reduce((sum, p) => sum + p.end, 0)).toBe(4);
    });

    it('gives every consumer group all the messages', async () => {
      const published = Array.from({ length: 20 }, (_, n) => message(`k${n % 5}`, n));
      await log.publish(topic, published);
      const first: Message[] = [];
      const second: Message[] = [];
      consume({ handler: collect(first) });
      consume({ group: uniqueName('other'), handler: collect(second) });
      await eventually('both groups', () => first.length === 20 && second.length === 20);
      const expected = published.map((m) => m.id).sort();
      expect(ids(first).sort()).toEqual(expected);
      expect(ids(second).sort()).toEqual(expected);
    });

    it('redelivers a message whose handler threw before the ones after it', async () => {
      await log.publish(topic, [message('k', 1), message('k', 2), message('k', 3)]);
      const deliveries: string[] = [];
      consume({
        handler: async (m) => {
          deliveries.push(m.id);
          if (m.id === 'k#2' && deliveries.filter((id) => id === 'k#2').length === 1) throw new Error('once');
        },
      });
      await eventually('the third message', () => deliveries.includes('k#3'));
      expect(deliveries).toEqual(['k#1', 'k#2', 'k#2', 'k#3']);
    });

    it('hands batches to a batch handler, and isolates a poison message through the single handler', async () => {
      await log.publish(
        topic,
        Array.from({ length: 8 }, (_, n) => message('k', n)),
      );
      const batches: string[][] = [];
      const singles: string[] = [];
      consume({
        maxAttempts: 2,
        batchHandler: async (batch) => {
          if (batch.some((m) => m.id === 'k#5')) throw new Error('batch holds k#5');
          batches.push(batch.map((m) => m.id));
        },
        handler: async (m) => {
          singles.push(m.id);
          if (m.id === 'k#5') throw new Error('cannot handle k#5');
        },
      });
      await eventually('the dead letter', async () => (await readAll(deadLetterTopic(topic))).length === 1);
      await log.publish(topic, [message('k', 8), message('k', 9)]);
      await eventually('the batch after the poison', () => batches.flat().includes('k#9'));
      expect(singles).toEqual(['k#0', 'k#1', 'k#2', 'k#3', 'k#4', 'k#5', 'k#5']);
      expect(batches.flat()).toEqual(['k#6', 'k#7', 'k#8', 'k#9']);
    });

    it('dead-letters a message after maxAttempts failures, keeps the error and goes on', async () => {
      await log.publish(topic, [message('k', 1), message('k', 2), message('k', 3)]);
      const deliveries: string[] = [];
      consume({
        maxAttempts: 3,
        handler: async (m) => {
          deliveries.push(m.id);
          if (m.id === 'k#2') throw new Error('cannot handle k#2');
        },
      });
      await eventually('the message after the poison', () => deliveries.includes('k#3'));
      expect(deliveries).toEqual(['k#1', 'k#2', 'k#2', 'k#2', 'k#3']);

      let dead: Message[] = [];
      await eventually(
        'the dead letter',
        async () => (dead = await readAll(deadLetterTopic(topic))).length > 0,
      );
      const original = (await readAll(topic)).find((m) => m.id === 'k#2')!;
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ key: 'k', value: { key: 'k', n: 2 } });
      expect(dead[0]!.headers).toMatchObject({
        [DeadLetterHeaders.error]: expect.stringContaining('cannot handle k#2'),
        [DeadLetterHeaders.attempts]: '3',
        [DeadLetterHeaders.group]: group,
        [DeadLetterHeaders.topic]: topic,
        [DeadLetterHeaders.partition]: String(original.partition),
        [DeadLetterHeaders.offset]: String(original.offset),
      });
    });

    it('dead-letters a message its handler calls undeliverable at once, with the reason, and goes on', async () => {
      await log.publish(
        topic,
        [1, 2, 3, 4].map((n) => message('k', n)),
      );
      const reason = 'Thing v2 is newer than this consumer knows (v1)';
      const deliveries: string[] = [];
      const batches: string[][] = [];
      consume({
        maxAttempts: 5,
        batchHandler: async (batch) => {
          if (batch.some((m) => m.id === 'k#2')) throw new UndeliverableMessageError(reason);
          batches.push(batch.map((m) => m.id));
        },
        handler: async (m) => {
          deliveries.push(m.id);
          if (m.id === 'k#2') throw new UndeliverableMessageError(reason);
        },
      });
      let dead: Message[] = [];
      await eventually(
        'the dead letter',
        async () => (dead = await readAll(deadLetterTopic(topic))).length > 0,
      );
      await log.publish(topic, [message('k', 5)]);
      await eventually('the message after it', () => [...deliveries, ...batches.flat()].includes('k#5'));
      expect(deliveries.filter((id) => id === 'k#2')).toEqual(['k#2']);
      expect([...deliveries, ...batches.flat()].filter((id) => id !== 'k#2').sort()).toEqual([
        'k#1',
        'k#3',
        'k#4',
        'k#5',
      ]);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ key: 'k', value: { key: 'k', n: 2 } });
      expect(dead[0]!.headers).toMatchObject({
        [DeadLetterHeaders.error]: reason,
        [DeadLetterHeaders.attempts]: '1',
        [DeadLetterHeaders.group]: group,
        [DeadLetterHeaders.topic]: topic,
      });
    });

    it('resumes from committed offsets after a restart, with messages published while down', async () => {
      await log.publish(
        topic,
        [0, 1, 2, 3, 4].map((n) => message(`k${n}`, n)),
      );
      const first: Message[] = [];
      const consumer = consume({ handler: collect(first) });
      await eventually('the first five', () => first.length === 5);
      await consumer.stop();
      await log.publish(
        topic,
        [5, 6, 7].map((n) => message(`k${n}`, n)),
      );

      log = await fixture.restart();
      await log.publish(
        topic,
        [8, 9].map((n) => message(`k${n}`, n)),
      );
      const second: Message[] = [];
      consume({ handler: collect(second) });
      await eventually('the next five', () => second.length === 5);
      await delay(100);
      expect(ids(first).sort()).toEqual(['k0#0', 'k1#1', 'k2#2', 'k3#3', 'k4#4']);
      expect(ids(second).sort()).toEqual(['k5#5', 'k6#6', 'k7#7', 'k8#8', 'k9#9']);
    });

    it('stops after the message in progress is handled and committed', async () => {
      await log.publish(topic, [message('k', 1), message('k', 2)]);
      let started = false;
      const handled: string[] = [];
      const consumer = consume({
        handler: async (m) => {
          started = true;
          await delay(50);
          handled.push(m.id);
        },
      });
      await eventually('the handler to start', () => started);
      await consumer.stop();
      const committed = (await log.offsets(group, topic)).reduce((sum, p) => sum + p.committed, 0);
      expect(handled.length).toBeGreaterThanOrEqual(1);
      expect(committed).toBe(handled.length);
    });

    it('reports committed and end offsets per partition, their difference being the lag', async () => {
      await log.ensureTopic(topic, 3);
      await log.ensureTopic(topic, 3);
      expect(await log.offsets(group, topic)).toEqual(
        [0, 1, 2].map((partition) => ({ partition, committed: 0, end: 0 })),
      );
      await log.publish(
        topic,
        Array.from({ length: 9 }, (_, n) => message(`k${n}`, n)),
      );
      const before = await log.offsets(group, topic);
      expect(before.reduce((lag, p) => lag + p.end - p.committed, 0)).toBe(9);

      const received: Message[] = [];
      const consumer = consume({ handler: collect(received) });
      await eventually('all nine', () => received.length === 9);
      await consumer.stop();
      const after = await log.offsets(group, topic);
      expect(after.map((p) => p.end)).toEqual(before.map((p) => p.end));
      expect(after.every((p) => p.committed === p.end)).toBe(true);
    });
  });
}
