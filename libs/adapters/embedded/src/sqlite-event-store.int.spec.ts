import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, WrongExpectedRevisionError } from '@kesu/ports';
import { aNewEvent, eventStoreFeatures } from '@kesu/testing';
import { EmbeddedDatabase } from './database';
import { SqliteEventStore } from './sqlite-event-store';

/** A store on a fresh file in a temporary folder, reopened on the same file by `restart`. */
async function openStore(clock = new ManualClock()) {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-'));
  const file = join(dir, 'kesu.db');
  const open = () => {
    const database = new EmbeddedDatabase({ file });
    return { database, store: new SqliteEventStore(database, { clock, pollIntervalMs: 20 }) };
  };
  let current = open();
  const shut = async () => {
    await current.store.close();
    await current.database.close();
  };
  return {
    get database() {
      return current.database;
    },
    store: current.store,
    async restart() {
      await shut();
      current = open();
      return current.store;
    },
    async close() {
      await shut();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

eventStoreFeatures('SqliteEventStore', () => openStore());

describe('SqliteEventStore on its file', () => {
  let opened: Awaited<ReturnType<typeof openStore>>;
  const clock = new ManualClock('2026-02-01T12:00:00.000Z');
  beforeEach(async () => (opened = await openStore(clock)));
  afterEach(() => opened.close());

  it('stamps recordedAt from its clock', async () => {
    const { events } = await opened.store.appendToStream('order-1', [aNewEvent('Opened')], 'no_stream');
    expect(events[0]!.recordedAt).toBe('2026-02-01T12:00:00.000Z');
  });

  it('keeps the stream head in step with the events', async () => {
    await opened.store.appendToStream('order-1', [aNewEvent('Opened'), aNewEvent('Noted')], 'no_stream');
    const head = opened.database.db.prepare('SELECT revision, head_hash FROM streams').get();
    const [last] = await opened.store.readStream('order-1', { direction: 'backwards', maxCount: 1 });
    expect(head).toEqual({ revision: 1, head_hash: last!.hash });
  });

  it('rejects an event id stored in another stream, writing nothing', async () => {
    const event = aNewEvent('Opened');
    await opened.store.appendToStream('order-1', [event], 'no_stream');
    await expect(opened.store.appendToStream('order-2', [event], 'no_stream')).rejects.toThrow(/order-1/);
    expect(await opened.store.readStream('order-2')).toEqual([]);
  });

  it('reports the conflict of an append that lost a race through the stream head', async () => {
    const results = await Promise.allSettled(
      [1, 2].map(() => opened.store.appendToStream('order-1', [aNewEvent('Opened')], 'no_stream')),
    );
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost!.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(lost!.reason).toMatchObject({ actual: 0 });
  });
});
