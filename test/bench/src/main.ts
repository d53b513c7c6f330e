import { benchClassification, CLASSIFICATION_TARGET } from './classification';
import { config, errorMessage, now, progress, round, targets } from './common';
import { benchEmmett } from './emmett';
import { benchEventStore } from './event-store';
import { samplePayload } from './events';
import { benchHttpIntake } from './http-intake';
import { benchKpiRollups } from './kpi-rollups';
import { machine } from './machine';
import { benchRawSqlite } from './raw-sqlite';
import { benchRelayProjection } from './relay-projection';
import { benchSlaTimers } from './sla-timers';

/** Runs one scenario; a failure is reported in the document (and fails the run), never invented away. */
async function section<T>(name: string, run: () => Promise<T> | T): Promise<T | { failed: string }> {
  const start = now();
  try {
    const result = await run();
    progress(`${name}: done in ${round((now() - start) / 1000, 1)} s`);
    return result;
  } catch (error) {
    process.exitCode = 1;
    progress(`${name}: FAILED ${errorMessage(error)}`);
    return { failed: errorMessage(error) };
  }
}

async function main(): Promise<void> {
  // stdout carries only the JSON document: libraries that log (Emmett does) go to stderr.
  console.log = (...args: unknown[]) => console.error(...args);
  console.info = console.log;
  const started = now();
  const [major] = process.versions.node.split('.').map(Number);
  if ((major ?? 0) < 24) throw new Error(`Node ${process.version}: the bench needs Node 24 (node:sqlite)`);
  progress(`sizes: ${JSON.stringify(config)}`);

  const alone = {
    classification: () => section('classification', () => benchClassification()),
    http: () => section('http intake', () => benchHttpIntake()),
    kpi: () => section('kpi rollups', () => benchKpiRollups()),
  } as const;
  if (config.only) {
    if (!(config.only in alone))
      throw new Error(`BENCH_ONLY=${config.only}: one of ${Object.keys(alone).join(', ')}`);
    const result = await alone[config.only as keyof typeof alone]();
    const document = {
      machine: machine(),
      only: config.only,
      targets: { ...targets, ...CLASSIFICATION_TARGET },
      [config.only === 'http' ? 'httpIntake' : config.only === 'kpi' ? 'kpiRollups' : config.only]: result,
      totalSeconds: round((now() - started) / 1000, 1),
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const rawSqlite = await section('raw sqlite', () => benchRawSqlite(samplePayload()));
  const rawSingle = 'failed' in rawSqlite ? 0 : rawSqlite.singleRowCommits.commitsPerSecond;
  const rawBatched = 'failed' in rawSqlite ? 0 : rawSqlite.batchedCommitsOf10.rowsPerSecond;
  const eventStore = await section('event store', () => benchEventStore(rawSingle, rawBatched));
  const projection = await section('relay+projection', () => benchRelayProjection());
  const httpIntake = config.http
    ? await section('http intake', () => benchHttpIntake())
    : { skipped: 'BENCH_HTTP=0' };
  const kesuSingle = 'failed' in eventStore ? 0 : eventStore.singleAwaited.appendsPerSecond;
  const emmett = await section('emmett', () => benchEmmett(kesuSingle));
  const classification = await section('classification', () => benchClassification());
  const slaTimers = await section('sla timers', () => benchSlaTimers());
  const kpiRollups = await section('kpi rollups', () => benchKpiRollups());

  const document = {
    machine: machine(),
    storage:
      'file-backed SQLite (WAL; the log of each commit fsynced before it is acknowledged) in a fresh temp dir per scenario',
    sizes: config,
    targets: { ...targets, ...CLASSIFICATION_TARGET },
    rawSqlite,
    eventStore,
    relayProjection: 'failed' in projection ? projection : projection.relayProjection,
    projectionRebuild: 'failed' in projection ? projection : projection.projectionRebuild,
    httpIntake,
    emmett,
    classification,
    slaTimers,
    kpiRollups,
    totalSeconds: round((now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

main().catch((error: unknown) => {
  progress(`bench failed: ${errorMessage(error)}`);
  process.exitCode = 1;
});
