import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent, verifyChains } from '@kesu/kernel';
import { EmbeddedDatabase } from './database';
import { SqliteEventStore } from './sqlite-event-store';

const REGISTER = join(__dirname, '../../../testing/src/child-process-register.cjs');
const WRITER = join(__dirname, 'concurrent-writer.child.ts');
const OWN = 200;
const SHARED = 30;

interface WriterMessage {
  readonly ready?: boolean;
  readonly done?: boolean;
  readonly error?: string;
}

/** Starts a writer process: `ready` once it has opened the file, `done` once it has written and exited. */
function startWriter(file: string, name: string) {
  const child = fork(REGISTER, [WRITER, file, name, String(OWN), String(SHARED)], { execArgv: [] });
  let report: WriterMessage = {};
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: WriterMessage) => {
      if (message.ready) resolve();
      else report = message;
    });
    child.on('exit', () => reject(new Error(`${name} exited before it was ready`)));
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0 && report.done) resolve();
      else reject(new Error(`${name} failed with exit code ${code}: ${report.error}`));
    });
  });
  return { child, ready, done };
}

describe('SqliteEventStore shared by two processes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kesu-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every append of both, in one global order, with verifiable chains', async () => {
    const file = join(dir, 'kesu.db');
    const database = new EmbeddedDatabase({ file });
    const store = new SqliteEventStore(database, { pollIntervalMs: 20 });
    const total = 2 * (OWN + SHARED);
    const delivered: RecordedEvent[] = [];
    let allDelivered: () => void = () => undefined;
    const deliveredInFull = new Promise<void>((resolve) => (allDelivered = resolve));
    const subscription = store.subscribe({
      name: 'watcher',
      handler: async (events) => {
        if (delivered.push(...events) >= total) allDelivered();
      },
    });
    try {
      const writers = [startWriter(file, 'alpha'), startWriter(file, 'beta')];
      await Promise.all(writers.map((w) => w.ready));
      for (const writer of writers) writer.child.send('go');
      await Promise.all(writers.map((w) => w.done));

      const all = await store.readAll();
      expect(all).toHaveLength(total);
      expect(new Set(all.map((e) => e.eventId)).size).toBe(total);
      all
        .slice(1)
        .forEach((event, i) => expect(event.globalPosition).toBeGreaterThan(all[i]!.globalPosition));
      const streams = [...new Set(all.map((e) => e.streamId))];
      expect(streams).toHaveLength(11);
      for (const stream of streams) expect(verifyChains(await store.readStream(stream)).valid).toBe(true);
      const shared = await store.readStream('shared-1');
      expect(shared.map((e) => e.revision)).toEqual([...Array(2 * SHARED).keys()]);
      const writerOf = (event: RecordedEvent) => (event.data as { writer: string }).writer;
      const handovers = all.filter((event, i) => i > 0 && writerOf(event) !== writerOf(all[i - 1]!));
      expect(handovers.length).toBeGreaterThan(1);

      await deliveredInFull;
      expect(delivered.map((e) => e.globalPosition)).toEqual(all.map((e) => e.globalPosition));
    } finally {
      await subscription.stop();
      await store.close();
      await database.close();
    }
  }, 60_000);
});
