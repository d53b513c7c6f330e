import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Sizes and time caps, overridable by environment variables for a quick run. */
function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

export const config = {
  /** Events (or rows) per write scenario. */
  events: envInt('BENCH_EVENTS', 20_000),
  /** Point reads / history reads sampled. */
  reads: envInt('BENCH_READS', 5_000),
  /** Optional: pad the store to this many events before history reads (the target speaks of 1,000,000). */
  historyEvents: envInt('BENCH_HISTORY_EVENTS', 0),
  /** Concurrent appenders on distinct streams. */
  concurrency: envInt('BENCH_CONCURRENCY', 200),
  /** Events appended and projected in the relay/projection scenario. */
  projectionEvents: envInt('BENCH_PROJECTION_EVENTS', 20_000),
  /** Seconds of each autocannon run. */
  httpSeconds: envInt('BENCH_HTTP_SECONDS', 10),
  httpConnections: envInt('BENCH_HTTP_CONNECTIONS', 50),
  httpRate: envInt('BENCH_HTTP_RATE', 1_000),
  /** Complaints timed from 201 to a readable view, and the rate they are sent at. */
  latencySamples: envInt('BENCH_LATENCY_SAMPLES', 200),
  latencyRate: envInt('BENCH_LATENCY_RATE', 50),
  /** Complaints at one branch that the classification consumers catch up with (`classification`). */
  flood: envInt('BENCH_FLOOD', 4_000),
  /** Appends per Emmett scenario (it is slow: each is capped by `phaseSeconds` too). */
  emmettEvents: envInt('BENCH_EMMETT_EVENTS', 5_000),
  /** Complaints whose rollups the KPI queries read (`kpi`), and the queries timed per scenario. */
  kpiComplaints: envInt('BENCH_KPI_COMPLAINTS', 1_000_000),
  kpiQueries: envInt('BENCH_KPI_QUERIES', 30),
  /** Upper bound on any single timed loop, in seconds. */
  phaseSeconds: envInt('BENCH_PHASE_SECONDS', 20),
  /** Whether to try installing the Emmett peer (BENCH_EMMETT=0 skips it). */
  emmett: process.env.BENCH_EMMETT !== '0',
  http: process.env.BENCH_HTTP !== '0',
  /** Seconds of the sustained run at `httpRate` (`sustain`), and the complaints a second whose lag is sampled. */
  sustainSeconds: envInt('BENCH_SUSTAIN_SECONDS', 60),
  sustainSampleRate: envInt('BENCH_SUSTAIN_SAMPLE_RATE', 10),
  /** Whether to run the HTTP scenario again with the services split across processes (BENCH_SPLIT=0 skips it). */
  split: process.env.BENCH_SPLIT !== '0',
  /** Run only this scenario (see `main.ts` for the names); unset runs them all. */
  only: process.env.BENCH_ONLY ?? '',
};

/** A target of issue 20: its wording, and whether a figure meets it. */
export interface Target {
  readonly text: string;
  met(figure: number): boolean;
}

const atLeast = (value: number, unit: string): Target => ({
  text: `>= ${value} ${unit}`,
  met: (figure) => Number.isFinite(figure) && figure >= value,
});
const below = (value: number, unit: string, among = ''): Target => ({
  text: `< ${value} ${unit}${among}`,
  met: (figure) => Number.isFinite(figure) && figure < value,
});

/** The targets of issue 20 ("Targets") and the older ones the bench still checks. */
export const targets = {
  durableEventsPerSecond: atLeast(60_000, 'events/s (200 appends in flight)'),
  intakePerSecond: atLeast(2_000, 'complaints/s'),
  intakeP99AtFixedRateMs: below(50, 'ms p99 at a fixed 1,000/s'),
  intakeToReadModelP99Ms: below(250, 'ms p99'),
  intakeToClassifiedP99Ms: below(1_000, 'ms p99 (issue 5: "within a second of intake")'),
  sustainedLagP99Ms: below(1_000, 'ms p99, 201 to classified, assigned and clocked, sustained'),
  classificationFloodPerSecond: atLeast(1_000, 'complaints/s with collective detection, one process'),
  rebuildEventsPerSecond: atLeast(100_000, 'events/s'),
  kpiQueryP99Ms: below(50, 'ms p99', " (over 1,000,000 complaints' rollups)"),
  historyP99Ms: below(10, 'ms p99', ' (among 1,000,000 events)'),
} as const satisfies Record<string, Target>;

/** The target's wording beside ✔ or ✘ for a figure of this run (✘ for a missing figure). */
export function verdict(figure: number | undefined, target: Target): { target: string; verdict: '✔' | '✘' } {
  return { target: target.text, verdict: figure !== undefined && target.met(figure) ? '✔' : '✘' };
}

/** The targets' wording, as the document lists them. */
export const targetTexts = Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, t.text]));

export const documentedCeilings = {
  rawSingleCommitsPerSecond: 6_200,
  rawBatchedRowsPerSecond: 43_700,
  /** Issue 20's figures for the same machine: rows in commits of 100 and of 1,000. */
  rawRowsInCommitsOf100PerSecond: 175_000,
  rawRowsInCommitsOf1000PerSecond: 227_000,
  rawReadsPerSecond: 31_700,
  emmettSingleAppendsPerSecond: 390,
  emmettPersistentAppendsPerSecond: 1_600,
} as const;

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function now(): number {
  return performance.now();
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count * 1000) / ms) : 0;
}

export function ratio(value: number, ceiling: number): number {
  return ceiling > 0 ? Math.round((value / ceiling) * 1000) / 1000 : 0;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile of samples in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank]!, 3);
}

/** A deadline `seconds` from now; `passed()` tells when a loop must stop. */
export function deadline(seconds = config.phaseSeconds): { passed(): boolean } {
  const end = Date.now() + seconds * 1000;
  return { passed: () => Date.now() > end };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fresh temporary folder, removed by `cleanup`. */
export function tempDir(prefix: string): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), `kesu-bench-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
