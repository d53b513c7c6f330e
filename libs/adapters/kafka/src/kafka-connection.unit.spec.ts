import { Kafka, logLevel } from 'kafkajs';
import { createServer, type Server } from 'node:net';
import { connectKafka } from './kafka-message-log';
import { kafkaLogging, writeEntry } from './kafka-logging';
import type { KafkaLogger } from './kafka-options';
import { kafkaSettings } from './kafka-options';
import { PUBLISH_RETRY } from './renewing-producer';

/** A logger that records its lines. */
function recordingLogger() {
  const lines: Array<[string, string, Readonly<Record<string, unknown>> | undefined]> = [];
  const logger: KafkaLogger = {
    info: (message, details) => void lines.push(['info', message, details]),
    warn: (message, details) => void lines.push(['warn', message, details]),
    error: (message, details) => void lines.push(['error', message, details]),
  };
  return { logger, lines };
}

/** A port on the loopback address nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectKafka', () => {
  it('fails naming the brokers when none can be reached', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(
      connectKafka({ brokers: [`127.0.0.1:${port}`], clientId: 'kesu-unit', retries: 0 }),
    ).rejects.toThrow(new RegExp(`^cannot reach Kafka at 127\\.0\\.0\\.1:${port}: `));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('makes an idempotent producer with the publication retries, not kafkajs 2.2.4’s default five', async () => {
    const producers = jest.spyOn(Kafka.prototype, 'producer');
    const port = await closedPort();
    await expect(
      connectKafka({ brokers: [`127.0.0.1:${port}`], clientId: 'kesu-unit', retries: 0 }),
    ).rejects.toThrow(/cannot reach Kafka/);
    expect(producers).toHaveBeenCalledWith(
      expect.objectContaining({
        idempotent: true,
        maxInFlightRequests: 1,
        retry: { ...PUBLISH_RETRY, retries: 1 },
      }),
    );
    producers.mockRestore();
  });

  it('refuses an empty broker list', async () => {
    await expect(connectKafka({ brokers: [], clientId: 'kesu-unit' })).rejects.toThrow(/at least one broker/);
  });
});

describe('kafkaSettings', () => {
  it('fills in the defaults', () => {
    expect(kafkaSettings({ brokers: ['b:9092'], clientId: 'c' })).toMatchObject({
      defaultPartitions: 6,
      replicationFactor: 1,
      recentIdCapacity: 100_000,
      readTimeoutMs: 30_000,
      consumer: { maxWaitTimeInMs: 500, batchSize: 100, partitionsConsumedConcurrently: 1 },
    });
  });

  it('refuses counts and durations that are not positive integers', () => {
    expect(() => kafkaSettings({ brokers: ['b:9092'], clientId: 'c', defaultPartitions: 0 })).toThrow(
      /defaultPartitions/,
    );
    expect(() =>
      kafkaSettings({ brokers: ['b:9092'], clientId: 'c', consumer: { sessionTimeout: -1 } }),
    ).toThrow(/sessionTimeout/);
  });
});

describe('kafkajs logging', () => {
  it('is silent without a logger, and passes warnings and errors to one', () => {
    expect(kafkaLogging(undefined)).toEqual({ logLevel: logLevel.NOTHING });
    const { logger } = recordingLogger();
    expect(kafkaLogging(logger).logLevel).toBe(logLevel.WARN);
  });

  it('writes an entry at its level, with its details and namespace but not its timestamp', () => {
    const { logger, lines } = recordingLogger();
    const log = { timestamp: '2026-01-01T00:00:00.000Z', message: 'Crash', groupId: 'g' };
    writeEntry(logger, { namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log });
    writeEntry(logger, { namespace: '', level: logLevel.WARN, label: 'WARN', log });
    writeEntry(logger, { namespace: 'Runner', level: logLevel.INFO, label: 'INFO', log });
    expect(lines).toEqual([
      ['error', 'kafkajs Consumer: Crash', { groupId: 'g' }],
      ['warn', 'kafkajs: Crash', { groupId: 'g' }],
      ['info', 'kafkajs Runner: Crash', { groupId: 'g' }],
    ]);
  });
});
