import { DeadLetterHeaders, deadLetterTopic, ManualClock, type Message, type MessageLog } from '@kesu/ports';
import { messageLogFeatures } from '@kesu/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsumerGroupStore } from './consumer-group-store';
import { EmbeddedDatabase } from './database';
import { SqliteMessageLog, type SqliteMessageLogOptions } from './sqlite-message-log';

const fast: SqliteMessageLogOptions = { pollIntervalMs: 10, leaseMs: 300 };

const readAll = async (log: MessageLog, topic: string): Promise<Message[]> =>
  (await Promise.all([0, 1, 2, 3].map((partition) => log.read(topic, { partition })))).flat();

/** A log on a fresh file; `reopen` opens another connection and log on the same file. */
/** The next offset group `group` committed on `topic` (0: none yet). */
const committed = (database: EmbeddedDatabase, group: string, topic: string): number =>
  Number(
    database.db
      .prepare('SELECT MAX(next_offset) AS n FROM consumer_offsets WHERE group_id = ? AND topic = ?')
      .get(group, topic)?.n ?? 0,
  );

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-'));
  const file = join(dir, 'kesu.db');
  const opened: Array<{ database: EmbeddedDatabase; log: SqliteMessageLog }> = [];
  const open = (options: SqliteMessageLogOptions = fast) => {
    const database = new EmbeddedDatabase({ file });
    const log = new SqliteMessageLog(database, options);
    opened.push({ database, log });
    return { database, log };
  };
  const closeAll = async () => {
    for (const { database, log } of opened.splice(0)) {
      await log.close();
      await database.close();
    }
  };
  return { open, closeAll, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

messageLogFeatures('SQLite', async () => {
  const storage = files();
  return {
    log: storage.open().log,
    restart: async () => {
      await storage.closeAll();
      return storage.open().log;
    },
    close: async () => {
      await storage.closeAll();
      storage.remove();
    },
  };
});

describe('SqliteMessageLog', () => {
  let storage: ReturnType<typeof files>;
  beforeEach(() => (storage = files()));
  afterEach(async () => {
    await storage.closeAll();
    storage.remove();
  });

  /** Polls `check` until it holds (at most 5 s), then asserts it. */
  const until = async (check: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await check()).toBe(true);
  };

  it('stamps messages with the clock', async () => {
    const clock = new ManualClock('2026-02-03T04:05:06.000Z');
    const { log } = storage.open({ ...fast, clock });
    await log.publish('t', [{ key: 'k', id: '1', value: 1 }]);
    expect((await readAll(log, 't')).map((m) => m.timestamp)).toEqual(['2026-02-03T04:05:06.000Z']);
  });

  it('lets one process of a group consume at a time and hands over when it stops', async () => {
    const first = storage.open();
    const second = storage.open();
    const byFirst: Message[] = [];
    const bySecond: Message[] = [];
    const consumerA = first.log.consume({
      group: 'g',
      topics: ['t'],
      handler: async (m) => void byFirst.push(m),
    });
    await first.log.publish('t', [{ key: 'k', id: '1', value: 1 }]);
    await until(() => byFirst.length === 1);
    second.log.consume({ group: 'g', topics: ['t'], handler: async (m) => void bySecond.push(m) });
    await second.log.publish('t', [{ key: 'k', id: '2', value: 2 }]);
    await until(() => byFirst.length === 2);
    await consumerA.stop();
    await second.log.publish('t', [{ key: 'k', id: '3', value: 3 }]);
    await until(() => bySecond.length === 1);
    expect(byFirst.map((m) => m.id)).toEqual(['1', '2']);
    expect(bySecond.map((m) => m.id)).toEqual(['3']);
  });

  it('takes over a group whose lease expired, as after a crash', async () => {
    const { database, log } = storage.open();
    const expiresAt = Date.now() + 200;
    database.db
      .prepare('INSERT INTO consumer_leases (group_id, topic, owner, expires_at) VALUES (?, ?, ?, ?)')
      .run('g', 't', 'crashed-process', expiresAt);
    await log.publish('t', [{ key: 'k', id: '1', value: 1 }]);
    const handledAt: number[] = [];
    log.consume({ group: 'g', topics: ['t'], handler: async () => void handledAt.push(Date.now()) });
    await until(() => handledAt.length === 1);
    // not while the crashed process's lease still ran
    expect(handledAt[0]!).toBeGreaterThanOrEqual(expiresAt);
  });

  it('keeps the attempt count of a failing message across a restart', async () => {
    let { log } = storage.open();
    await log.publish('t', [{ key: 'k', id: '1', value: 1 }]);
    let deliveries = 0;
    const handler = async () => {
      deliveries++;
      throw new Error('still broken');
    };
    const consumer = log.consume({ group: 'g', topics: ['t'], handler, maxAttempts: 3, retryBackoffMs: 5 });
    await until(() => deliveries === 2);
    await consumer.stop();
    await storage.closeAll();
    ({ log } = storage.open());
    log.consume({ group: 'g', topics: ['t'], handler, maxAttempts: 3, retryBackoffMs: 5 });
    await until(async () => (await readAll(log, deadLetterTopic('t'))).length > 0);
    const dead = await readAll(log, deadLetterTopic('t'));
    expect(deliveries).toBe(3);
    expect(dead.map((m) => m.headers[DeadLetterHeaders.attempts])).toEqual(['3']);
  });

  it('wakes a consumer of this process when a commit brings messages to its topics, and for nothing else', async () => {
    const { database, log } = storage.open({ ...fast, pollIntervalMs: 60_000 });
    const handled: string[] = [];
    const consumer = log.consume({
      group: 'g',
      topics: ['a'],
      handler: async (m) => void handled.push(m.id),
    });
    await log.publish('a', [{ key: 'k', id: 'a-1', value: 1 }]);
    await until(() => handled.includes('a-1')); // long before the next poll
    await until(() => committed(database, 'g', 'a') > 0); // its offset commit
    await new Promise((r) => setTimeout(r, 20)); // and the pass after it

    const fetch = jest.spyOn(ConsumerGroupStore.prototype, 'fetch');
    await log.publish('b', [{ key: 'k', id: 'b-1', value: 1 }]);
    await database.write((db) => db.exec('CREATE TABLE IF NOT EXISTS other (x)'));
    // that nothing happens can only be watched for a while: a wake would fetch at once
    await new Promise((r) => setTimeout(r, 50));
    expect(fetch).not.toHaveBeenCalled();

    await log.publish('a', [{ key: 'k', id: 'a-2', value: 2 }]);
    await until(() => handled.includes('a-2'));
    const looked = new Set(fetch.mock.calls.map(([topic, partition]) => `${topic}/${partition}`));
    fetch.mockRestore();
    // only the partition the message went to is looked at, not the topic's three others
    const [a2] = (await readAll(log, 'a')).filter((m) => m.id === 'a-2');
    expect(looked).toEqual(new Set([`a/${a2!.partition}`]));
    await consumer.stop();
  });

  it('makes its consumers look at every partition when another process commits to the file', async () => {
    const first = storage.open({ ...fast, pollIntervalMs: 20 });
    const second = storage.open();
    first.log.consume({ group: 'g', topics: ['a'], handler: async () => undefined });
    const arrivals = (first.log as unknown as { arrivals: NodeJS.EventEmitter }).arrivals;
    let elsewhere = 0;
    arrivals.on('elsewhere', () => elsewhere++);
    await first.log.publish('a', [{ key: 'k', id: 'a-1', value: 1 }]);
    await new Promise((r) => setTimeout(r, 100));
    const before = elsewhere;
    await second.log.publish('b', [{ key: 'k', id: 'b-1', value: 1 }]);
    await until(() => elsewhere > before);
    expect(before).toBe(0); // this process's own commits are announced otherwise
  });
});
