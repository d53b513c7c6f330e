import type { Message } from '@kesu/ports';
import { describeWithEngine, eventually, messageLogFeatures, uniqueName } from '@kesu/testing';
import { connectKafka, type KafkaMessageLog } from './kafka-message-log';
import type { KafkaConnectOptions, KafkaLogger } from './kafka-options';

/**
 * Runs against the brokers in KAFKA_BROKERS (comma-separated host:port). Group joins dominate the
 * run time: a broker left at `group.initial.rebalance.delay.ms=3000` adds three seconds to every
 * consumer and every `read`, so test brokers should set it to 0 (KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).
 */
describeWithEngine('KAFKA_BROKERS', 'Kafka', 'KafkaMessageLog contract', (brokers) => {
  // Joins, leaves and throwaway reader groups make Kafka tests slower than the embedded ones.
  jest.setTimeout(90_000);

  /** kafkajs's warnings and the adapter's errors, so a failing run shows what the cluster said. */
  const logger: KafkaLogger = {
    info: () => {},
    warn: (message, details) => console.warn(message, details ?? ''),
    error: (message, details) => console.error(message, details ?? ''),
  };

  /** Members that form a group fast and leave it at once; the broker's minimum session is 6 s. */
  const options = (): KafkaConnectOptions => ({
    brokers: brokers
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    clientId: uniqueName('kesu-test'),
    defaultPartitions: 4,
    logger,
    consumer: {
      sessionTimeout: 6_000,
      rebalanceTimeout: 6_000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 100,
    },
  });

  /** Logs on the cluster; `restart` closes them and connects a new one, as a restarted process. */
  function cluster() {
    const opened: KafkaMessageLog[] = [];
    const open = async () => {
      const log = await connectKafka(options());
      opened.push(log);
      return log;
    };
    const closeAll = async () => {
      for (const log of opened.splice(0)) await log.close();
    };
    return { open, closeAll };
  }

  messageLogFeatures('KafkaMessageLog', async () => {
    const logs = cluster();
    return {
      log: await logs.open(),
      restart: async () => {
        await logs.closeAll();
        return logs.open();
      },
      close: logs.closeAll,
    };
  });

  describe('KafkaMessageLog on Kafka', () => {
    const logs = cluster();
    let log: KafkaMessageLog;
    beforeEach(async () => (log = await logs.open()));
    afterEach(() => logs.closeAll());

    it('reports no offsets and reads nothing for a topic that does not exist, without creating it', async () => {
      const topic = uniqueName('complaints.missing.v1');
      expect(await log.offsets(uniqueName('group'), topic)).toEqual([]);
      expect(await log.read(topic)).toEqual([]);
      expect(await log.offsets(uniqueName('group'), topic)).toEqual([]);
    });

    it('creates the topics of a consumer that starts before anything is published', async () => {
      const topic = uniqueName('complaints.early.v1');
      const received: Message[] = [];
      const consumer = log.consume({
        group: uniqueName('group'),
        topics: [topic],
        handler: async (m) => void received.push(m),
      });
      await eventually('the topic', async () => (await log.offsets(uniqueName('probe'), topic)).length === 4);
      await log.publish(topic, [{ key: 'k', id: 'early-1', value: 1 }]);
      await eventually('the message', () => received.length === 1, 30_000);
      await consumer.stop();
      expect(received[0]).toMatchObject({ topic, id: 'early-1', value: 1 });
    });

    it('drops a repeated id only within the process: after a restart the repeat reaches the log', async () => {
      const topic = uniqueName('complaints.repeat.v1');
      await log.ensureTopic(topic, 1);
      await log.publish(topic, [{ key: 'k', id: 'once', value: 1 }]);
      await log.publish(topic, [{ key: 'k', id: 'once', value: 1 }]);
      await logs.closeAll();
      log = await logs.open();
      await log.publish(topic, [{ key: 'k', id: 'once', value: 1 }]);
      const read = await log.read(topic, { partition: 0 });
      expect(read.map((m) => m.id)).toEqual(['once', 'once']);
    });
  });
});
