import { benchClassification, CLASSIFICATION_TARGET } from './classification';
import { config, errorMessage, now, progress, round, targetTexts } from './common';
import { benchEmmett } from './emmett';
import { benchEventStore } from './event-store';
import { samplePayload } from './events';
import { benchHttpIntake } from './http-intake';
import { issueTargets, type Sections } from './issue-targets';
import { benchKpiRollups } from './kpi-rollups';
import { machine } from './machine';
import { benchRawSqlite } from './raw-sqlite';
import { benchRelayProjection } from './relay-projection';
import { benchSlaTimers } from './sla-timers';
import { benchSplitIntake } from './split';
import { benchSustained } from './sustain';

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

type Document = Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const get = (part: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Document)[k] : undefined), part);

/**
 * The scenarios in the order a whole run takes them; each adds its parts to the document (a later
 * one may read an earlier one's figures: the event store its raw ceilings, Emmett the event store's).
 * `BENCH_ONLY=<name>` runs one of them.
 */
const SCENARIOS: Record<string, (doc: Document) => Promise<void>> = {
  store: async (doc) => {
    const raw = await section('raw sqlite', () => benchRawSqlite(samplePayload()));
    doc.rawSqlite = raw;
    const rows = (key: string) => num(get(raw, key, 'rowsPerSecond'));
    doc.eventStore = await section('event store', () =>
      benchEventStore({
        singleCommits: num(get(raw, 'singleRowCommits', 'commitsPerSecond')),
        rowsInCommitsOf10: rows('batchedCommitsOf10'),
        rowsInCommitsOf100: rows('batchedCommitsOf100'),
        rowsInCommitsOf1000: rows('batchedCommitsOf1000'),
      }),
    );
  },
  projection: async (doc) => {
    const projection = await section('relay+projection', () => benchRelayProjection());
    doc.relayProjection = 'failed' in projection ? projection : projection.relayProjection;
    doc.projectionRebuild = 'failed' in projection ? projection : projection.projectionRebuild;
  },
  http: async (doc) => {
    doc.httpIntake = config.http
      ? await section('http intake', () => benchHttpIntake())
      : { skipped: 'BENCH_HTTP=0' };
  },
  sustain: async (doc) => {
    doc.sustainedIntake = config.http
      ? await section('sustained intake', () => benchSustained())
      : { skipped: 'BENCH_HTTP=0' };
  },
  split: async (doc) => {
    doc.splitIntake =
      config.http && config.split
        ? await section('split intake', () => benchSplitIntake())
        : { skipped: config.http ? 'BENCH_SPLIT=0' : 'BENCH_HTTP=0' };
  },
  emmett: async (doc) => {
    const kesuSingle = num(get(doc.eventStore, 'singleAwaited', 'appendsPerSecond'));
    doc.emmett = await section('emmett', () => benchEmmett(kesuSingle));
  },
  classification: async (doc) => {
    doc.classification = await section('classification', () => benchClassification());
  },
  sla: async (doc) => {
    doc.slaTimers = await section('sla timers', () => benchSlaTimers());
  },
  kpi: async (doc) => {
    doc.kpiRollups = await section('kpi rollups', () => benchKpiRollups());
  },
};

async function main(): Promise<void> {
  // stdout carries only the JSON document: libraries that log (Emmett does) go to stderr.
  console.log = (...args: unknown[]) => console.error(...args);
  console.info = console.log;
  const started = now();
  const [major] = process.versions.node.split('.').map(Number);
  if ((major ?? 0) < 24) throw new Error(`Node ${process.version}: the bench needs Node 24 (node:sqlite)`);
  progress(`sizes: ${JSON.stringify(config)}`);
  if (config.only && !(config.only in SCENARIOS))
    throw new Error(`BENCH_ONLY=${config.only}: one of ${Object.keys(SCENARIOS).join(', ')}`);

  const parts: Document = {};
  for (const [name, run] of Object.entries(SCENARIOS))
    if (!config.only || config.only === name) await run(parts);

  const document = {
    machine: machine(),
    storage:
      'file-backed SQLite (WAL; the log of each commit fsynced before it is acknowledged) in a fresh temp dir per scenario',
    sizes: config,
    ...(config.only ? { only: config.only } : {}),
    targets: { ...targetTexts, ...CLASSIFICATION_TARGET },
    issue20Targets: issueTargets(parts as Sections),
    ...parts,
    totalSeconds: round((now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

main().catch((error: unknown) => {
  progress(`bench failed: ${errorMessage(error)}`);
  process.exitCode = 1;
});
