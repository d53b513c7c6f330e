import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  config,
  deadline,
  documentedCeilings,
  errorMessage,
  now,
  perSecond,
  progress,
  ratio,
  sleep,
  tempDir,
} from './common';
import { type Complaint, complaints } from './events';
import { ROOT } from './host';

const VERSION = '0.38.5';
const PEERS = join(ROOT, 'tmp', 'bench-peers');
const PACKAGES = [
  `@event-driven-io/emmett-sqlite@${VERSION}`,
  `@event-driven-io/emmett@${VERSION}`,
  'sqlite3',
];

interface Connection {
  close(): void;
  command(sql: string, values?: unknown[]): Promise<unknown>;
  querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
}
interface EmmettMessage {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(streamName: string, events: EmmettMessage[]): Promise<unknown>;
  };
  sqliteConnection(options: { fileName: string }): Connection;
  createEventStoreSchema(connection: Connection): Promise<void>;
  appendToStream(
    connection: Connection,
    streamName: string,
    streamType: string,
    messages: EmmettMessage[],
  ): Promise<{ success: boolean }>;
}

function installedVersion(name: string): string | undefined {
  const file = join(PEERS, 'node_modules', name, 'package.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
    : undefined;
}

/** Installs the peer into the git-ignored tmp/bench-peers once; throws with the reason when it cannot. */
function install(): void {
  const ready =
    installedVersion('@event-driven-io/emmett-sqlite') === VERSION &&
    installedVersion('@event-driven-io/emmett') === VERSION &&
    existsSync(join(PEERS, 'node_modules', 'sqlite3', 'package.json'));
  if (ready) return;
  mkdirSync(PEERS, { recursive: true });
  // npm 11 refuses --allow-scripts on project installs: sqlite3's build script is allowed here instead.
  writeFileSync(
    join(PEERS, 'package.json'),
    JSON.stringify({ name: 'kesu-bench-peers', private: true, allowScripts: { sqlite3: true } }, null, 2),
  );
  progress(`emmett: installing ${PACKAGES.join(' ')} into tmp/bench-peers (once; sqlite3 may compile)`);
  const result = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PEERS, ...PACKAGES],
    {
      cwd: PEERS,
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (result.error) throw new Error(`npm install: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`npm install exited with ${result.status}: ${(result.stderr ?? '').trim().slice(-600)}`);
}

function toMessage(item: Complaint): EmmettMessage {
  const { type, data, ...metadata } = item.event;
  return { type, data, metadata: { ...metadata, schemaVersion: item.event.schemaVersion } };
}

/** Appends one at a time; a failed append is counted (and its first error kept), not retried. */
async function timed(items: readonly Complaint[], append: (item: Complaint) => Promise<unknown>) {
  const limit = deadline();
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  const start = now();
  while (done + failed < items.length && !limit.passed()) {
    try {
      await append(items[done + failed]!);
      done++;
    } catch (error) {
      failed++;
      firstError ??= errorMessage(error);
    }
  }
  const ms = now() - start;
  return {
    appends: done,
    appendsPerSecond: perSecond(done, ms),
    failedAppends: failed,
    ...(firstError ? { firstError } : {}),
    timeCapped: done + failed < items.length,
  };
}

/** The Emmett SQLite event store (a peer) appending the same events, on fresh files. */
export async function benchEmmett(kesuSingleAwaitedPerSecond: number) {
  if (!config.emmett) return { skipped: 'BENCH_EMMETT=0' };
  let emmett: EmmettSqlite;
  try {
    install();
    emmett = createRequire(join(PEERS, 'package.json'))('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  } catch (error) {
    return { skipped: `emmett-sqlite ${VERSION} could not be installed or loaded: ${errorMessage(error)}` };
  }
  const dir = tempDir('emmett');
  try {
    const n = config.emmettEvents;
    const items = complaints(2 * n);

    progress(`emmett: ${n} single appends through getSQLiteEventStore, awaited one at a time`);
    const storeFile = join(dir.path, 'store.db');
    const store = emmett.getSQLiteEventStore({ fileName: storeFile });
    const viaStore = await timed(items.slice(0, n), (item) =>
      store.appendToStream(item.streamId, [toMessage(item)]),
    );

    progress(`emmett: ${n} single appends on one persistent connection`);
    const connection = emmett.sqliteConnection({ fileName: join(dir.path, 'connection.db') });
    let synchronous: unknown;
    try {
      await emmett.createEventStoreSchema(connection);
      synchronous = (await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous'))
        ?.synchronous;
      await connection.command('PRAGMA synchronous = FULL');
      const persistent = await timed(items.slice(n), async (item) => {
        const result = await emmett.appendToStream(connection, item.streamId, 'intake', [toMessage(item)]);
        if (!result.success) throw new Error('emmett append failed');
      });
      return {
        version: VERSION,
        driver: 'sqlite3 (WAL as Emmett opens it)',
        defaultSynchronous: synchronous,
        singleAppends: {
          ...viaStore,
          note: 'getSQLiteEventStore opens and closes a connection per append; its synchronous is the sqlite3 default',
          documented: documentedCeilings.emmettSingleAppendsPerSecond,
          kesuSingleAwaitedRatio: ratio(kesuSingleAwaitedPerSecond, viaStore.appendsPerSecond),
        },
        persistentConnection: {
          ...persistent,
          synchronous: 'FULL',
          documented: documentedCeilings.emmettPersistentAppendsPerSecond,
          kesuSingleAwaitedRatio: ratio(kesuSingleAwaitedPerSecond, persistent.appendsPerSecond),
        },
      };
    } finally {
      connection.close();
    }
  } catch (error) {
    return { skipped: `emmett run failed: ${errorMessage(error)}` };
  } finally {
    // sqlite3 closes (and checkpoints the WAL) asynchronously: remove the folder once it has.
    for (let round = 0; round < 10 && existsSync(dir.path); round++) {
      await sleep(300);
      dir.cleanup();
    }
  }
}
