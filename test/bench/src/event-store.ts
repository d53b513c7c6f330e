import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import type { NewEvent } from '@kesu/kernel';
import type { EventStore } from '@kesu/ports';
import {
  config,
  deadline,
  now,
  percentile,
  perSecond,
  progress,
  ratio,
  targets,
  tempDir,
  verdict,
} from './common';
import { type Complaint, complaints } from './events';

export interface AppendFigures {
  readonly events: number;
  readonly appends: number;
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
}

/** Appends one complaint per append, `concurrency` appenders at a time, until done or out of time. */
export async function appendConcurrently(
  store: EventStore,
  items: readonly Complaint[],
  concurrency: number,
): Promise<AppendFigures> {
  const limit = deadline();
  let next = 0;
  const start = now();
  const worker = async () => {
    while (next < items.length && !limit.passed()) {
      const item = items[next++]!;
      await store.appendToStream(item.streamId, [item.event], 'no_stream');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const ms = now() - start;
  return {
    events: next,
    appends: next,
    eventsPerSecond: perSecond(next, ms),
    appendsPerSecond: perSecond(next, ms),
  };
}

/** Ten events of one complaint per append (as one command's events), awaited one at a time. */
async function appendBatches(store: EventStore, items: readonly Complaint[]): Promise<AppendFigures> {
  const limit = deadline();
  let appends = 0;
  let events = 0;
  const start = now();
  for (let i = 0; i + 10 <= items.length && !limit.passed(); i += 10) {
    const head = items[i]!;
    const batch: NewEvent[] = items.slice(i, i + 10).map((item) => ({
      ...item.event,
      correlationId: head.complaintId,
    }));
    await store.appendToStream(head.streamId, batch, 'no_stream');
    appends++;
    events += batch.length;
  }
  const ms = now() - start;
  return {
    events,
    appends,
    eventsPerSecond: perSecond(events, ms),
    appendsPerSecond: perSecond(appends, ms),
  };
}

/** Appends further complaints concurrently, 10,000 at a time, until BENCH_HISTORY_EVENTS are stored (capped at 15 min). */
async function pad(store: EventStore): Promise<void> {
  const limit = deadline(900);
  let head = await store.headPosition();
  if (head < config.historyEvents)
    progress(`event store: padding to ${config.historyEvents} events for history reads`);
  while (head < config.historyEvents && !limit.passed()) {
    const chunk = complaints(Math.min(10_000, config.historyEvents - head), head);
    await appendConcurrently(store, chunk, config.concurrency);
    head = await store.headPosition();
  }
}

/** The same run's raw `node:sqlite` ceilings, in rows (commits) per second; 0 where not measured. */
export interface RawCeilings {
  readonly singleCommits: number;
  readonly rowsInCommitsOf10: number;
  readonly rowsInCommitsOf100: number;
  readonly rowsInCommitsOf1000: number;
}

/** SqliteEventStore appends (sequential, concurrent, batched) and history reads, on a fresh file. */
export async function benchEventStore(raw: RawCeilings) {
  const dir = tempDir('events');
  const storage = createEmbeddedStorage({ dataDir: dir.path });
  try {
    const n = config.events;
    progress(`event store: preparing ${3 * n} events`);
    const sequentialItems = complaints(n, 0);
    const concurrentItems = complaints(n, n);
    const batchItems = complaints(n, 2 * n);

    progress(`event store: ${n} single-event appends, awaited one at a time`);
    const sequential = await appendConcurrently(storage.eventStore, sequentialItems, 1);
    progress(`event store: ${n} single-event appends, ${config.concurrency} in flight`);
    const concurrent = await appendConcurrently(storage.eventStore, concurrentItems, config.concurrency);
    progress(`event store: ${n} events in appends of 10`);
    const batched = await appendBatches(storage.eventStore, batchItems);

    await pad(storage.eventStore);
    const stored = await storage.eventStore.headPosition();
    const ids = [...sequentialItems, ...concurrentItems].map((c) => c.complaintId);
    const samples: number[] = [];
    const limit = deadline();
    progress(`event store: ${config.reads} readByCorrelationId among ${stored} events`);
    for (let i = 0; i < config.reads && !limit.passed(); i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const start = now();
      const history = await storage.eventStore.readByCorrelationId(id);
      samples.push(now() - start);
      if (history.length === 0) throw new Error(`no history for ${id}`);
    }

    return {
      singleAwaited: {
        ...sequential,
        ratioToRawSingleCommits: ratio(sequential.eventsPerSecond, raw.singleCommits),
      },
      singleConcurrent: {
        ...concurrent,
        concurrency: config.concurrency,
        ...verdict(concurrent.eventsPerSecond, targets.durableEventsPerSecond),
        ratioToRawSingleCommits: ratio(concurrent.eventsPerSecond, raw.singleCommits),
        ratioToRawCommitsOf10: ratio(concurrent.eventsPerSecond, raw.rowsInCommitsOf10),
        ratioToRawCommitsOf100: ratio(concurrent.eventsPerSecond, raw.rowsInCommitsOf100),
        ratioToRawCommitsOf1000: ratio(concurrent.eventsPerSecond, raw.rowsInCommitsOf1000),
      },
      batchedOf10: {
        ...batched,
        ratioToRawCommitsOf10: ratio(batched.eventsPerSecond, raw.rowsInCommitsOf10),
      },
      historyReads: {
        storedEvents: stored,
        reads: samples.length,
        p50Ms: percentile(samples, 50),
        p99Ms: percentile(samples, 99),
        ...verdict(percentile(samples, 99), targets.historyP99Ms),
      },
    };
  } finally {
    await storage.close();
    dir.cleanup();
  }
}
