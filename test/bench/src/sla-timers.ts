import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import { SLA_TIMERS, SlaTimers, type SlaTimerDocument } from '@kesu/sla';
import { now, progress, round, tempDir } from './common';

/** Open clocks in the index, and timers each tick takes at most (the scheduler's batch). */
const OPEN_CLOCKS = 100_000;
const BATCH = 200;
const TICKS = 200;

export interface SlaTimersResult {
  readonly openClocks: number;
  readonly batch: number;
  /** A tick when nothing is due: the index answers from its first entry. */
  readonly tickNoneDue: { ticks: number; msPerTick: number };
  /** A tick with a full batch due (the earliest `batch` of 100,000). */
  readonly tickBatchDue: { ticks: number; msPerTick: number };
  /** The ceiling: the same query in plain node:sqlite on an indexed column. */
  readonly rawIndexedQuery: { msPerQuery: number };
  /** What a tick scanning every open clock would cost instead (one pass over the collection). */
  readonly scanAllClocks: { msPerScan: number };
  readonly note: string;
}

const timer = (i: number, start: number): SlaTimerDocument => ({
  _id: `c-${i}`,
  tenantId: 'demo',
  branchId: 'east-1',
  // spread over 30 days from now
  dueAt: new Date(start + 60_000 + Math.floor((i * 30 * 86_400_000) / OPEN_CLOCKS)).toISOString(),
});

function timeEach(n: number, run: () => unknown): number {
  const started = now();
  for (let i = 0; i < n; i++) run();
  return (now() - started) / n;
}

async function timeEachAsync(n: number, run: () => Promise<unknown>): Promise<number> {
  const started = now();
  for (let i = 0; i < n; i++) await run();
  return (now() - started) / n;
}

/** The SLA scheduler's tick: the due timers among 100,000 open clocks, through the index on the due instant. */
export async function benchSlaTimers(): Promise<SlaTimersResult> {
  const dir = tempDir('sla-timers');
  const storage = createEmbeddedStorage({ dataDir: dir.path });
  const raw = new DatabaseSync(join(dir.path, 'raw-timers.db'));
  try {
    const start = Date.now();
    const timers = new SlaTimers(storage.documents, storage);
    await timers.onModuleInit();
    progress(`sla timers: ${OPEN_CLOCKS} open clocks`);
    for (let i = 0; i < OPEN_CLOCKS; i += 1_000)
      await Promise.all(
        Array.from({ length: 1_000 }, (_, k) => timer(i + k, start)).map((t) => timers.schedule(t, t.dueAt)),
      );
    // the same clocks as documents, for what a scan of every open clock costs
    const collection = storage.documents.collection<SlaTimerDocument>(SLA_TIMERS);
    for (let i = 0; i < OPEN_CLOCKS; i += 1_000)
      await collection.putMany(Array.from({ length: 1_000 }, (_, k) => timer(i + k, start)));

    const nothingDue = new Date(start).toISOString();
    const batchDue = new Date(start + 60_000 + (BATCH * 30 * 86_400_000) / OPEN_CLOCKS).toISOString();
    const none = await timeEachAsync(TICKS, () => timers.due(nothingDue, BATCH));
    const full = await timeEachAsync(TICKS, () => timers.due(batchDue, BATCH));
    if ((await timers.due(batchDue, BATCH)).length !== BATCH)
      throw new Error('the batch due is not a full batch');
    const scan = await timeEachAsync(3, () => collection.count({ tenantId: 'demo' }));

    raw.exec('CREATE TABLE timers (id TEXT PRIMARY KEY, due TEXT NOT NULL)');
    raw.exec('CREATE INDEX timers_due ON timers (due)');
    const insert = raw.prepare('INSERT INTO timers (id, due) VALUES (?, ?)');
    raw.exec('BEGIN');
    for (let i = 0; i < OPEN_CLOCKS; i++) insert.run(`c-${i}`, timer(i, start).dueAt);
    raw.exec('COMMIT');
    const query = raw.prepare('SELECT id, due FROM timers WHERE due <= ? ORDER BY due, id LIMIT ?');
    const rawMs = timeEach(TICKS, () => query.all(batchDue, BATCH));

    return {
      openClocks: OPEN_CLOCKS,
      batch: BATCH,
      tickNoneDue: { ticks: TICKS, msPerTick: round(none, 3) },
      tickBatchDue: { ticks: TICKS, msPerTick: round(full, 3) },
      rawIndexedQuery: { msPerQuery: round(rawMs, 3) },
      scanAllClocks: { msPerScan: round(scan, 1) },
      note:
        'one row per open clock holding its next warning or breach instant, in a table indexed on (due, complaint): ' +
        'a tick reads `due <= now` in order, a batch at a time, so its cost follows the timers due, not the clocks open',
    };
  } finally {
    raw.close();
    await storage.close();
    dir.cleanup();
  }
}
