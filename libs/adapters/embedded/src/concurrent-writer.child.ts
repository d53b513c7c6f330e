import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@kesu/kernel';
import { WrongExpectedRevisionError } from '@kesu/ports';
import { EmbeddedDatabase } from './database';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * A child process of the two-process spec: once told `go`, appends `ownCount` events to five
 * streams of its own and `sharedCount` events to `shared-1`, retrying on a conflict there. It pauses
 * a moment between appends, as services do. Halfway through, every loop waits until the store holds
 * an event of the other writer, so the two processes are known to have written at the same time.
 */
const [file, writer, ownCount, sharedCount] = process.argv.slice(2) as [string, string, string, string];
const database = new EmbeddedDatabase({ file });
const store = new SqliteEventStore(database);

const anEvent = (type: string, n: number): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { writer, n },
  occurredAt: new Date().toISOString(),
  tenantId: 'tenant-1',
  branchId: 'branch-1',
  correlationId: `${writer}-${n}`,
  causationId: randomUUID(),
  actor: { kind: 'service', id: writer },
});

const pause = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

let otherWriterSeen: Promise<void> | undefined;
/** Resolves once the other process has appended at least one event. */
function meetOtherWriter(): Promise<void> {
  otherWriterSeen ??= (async () => {
    for (;;) {
      const all = await store.readAll();
      if (all.some((event) => (event.data as { writer: string }).writer !== writer)) return;
      await pause(5);
    }
  })();
  return otherWriterSeen;
}

async function appendOwn(stream: number): Promise<void> {
  const count = Number(ownCount) / 5;
  for (let revision = 0; revision < count; revision++) {
    if (revision === Math.floor(count / 2)) await meetOtherWriter();
    const expected = revision === 0 ? 'no_stream' : revision - 1;
    await store.appendToStream(`${writer}-${stream}`, [anEvent('OwnNoted', revision)], expected);
    await pause();
  }
}

async function appendShared(): Promise<void> {
  const count = Number(sharedCount);
  for (let n = 0; n < count; n++) {
    if (n === Math.floor(count / 2)) await meetOtherWriter();
    for (;;) {
      const [last] = await store.readStream('shared-1', { direction: 'backwards', maxCount: 1 });
      try {
        await store.appendToStream(
          'shared-1',
          [anEvent('SharedNoted', n)],
          last ? last.revision : 'no_stream',
        );
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    await pause();
  }
}

async function main(): Promise<void> {
  await Promise.all([appendShared(), ...[0, 1, 2, 3, 4].map(appendOwn)]);
  await store.close();
  await database.close();
  process.send!({ done: true });
  process.disconnect();
}

process.on('message', (message) => {
  if (message !== 'go') return;
  main().catch((error: unknown) => {
    process.send!({ error: error instanceof Error ? error.stack : String(error) });
    process.exitCode = 1;
    process.disconnect();
  });
});
process.send!({ ready: true });
