import { createRequire } from 'node:module';
import { config, errorMessage, now, percentile, progress, round, sleep, targets, tempDir } from './common';
import { variedDescription } from './events';
import { Host } from './host';

interface CannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly duration: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly '2xx': number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Cannon;

const PEOPLE = ['王女士', '李先生', '张女士', '刘先生', '陈女士', '杨先生', '赵女士', '黄先生'];

/**
 * The body of the n-th complaint of a run: a distinct complainant (no two are the same person, so
 * none is merged as a duplicate) and a text combined from varied parts, as real intake is.
 */
function complaintBody(n: number): string {
  const pick = <T>(list: readonly T[], salt: number) =>
    list[(n * salt + Math.floor(n / list.length)) % list.length]!;
  return JSON.stringify({
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { name: pick(PEOPLE, 7), phone: `139${String(10_000_000 + n).slice(-8)}` },
    subject: { type: 'service' },
    description: variedDescription(n),
  });
}

/** Complaint numbers unique within the process: each POST of the bench is a new complainant. */
let sequence = 0;
const nextBody = (): string => complaintBody(sequence++);

async function cannon(url: string, token: string, extra: Record<string, unknown>): Promise<CannonResult> {
  return autocannon({
    url: `${url}/api/v1/complaints`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (request: object) => ({ ...request, body: nextBody() }) }],
    duration: config.httpSeconds,
    timeout: 10,
    ...extra,
  });
}

type Outcome = { ms: number } | { failure: string };

/** What the view must show before a complaint counts as arrived: the view itself, or its classification. */
type Arrival = 'view' | 'classification';

/**
 * How often a waiting complaint's view is read again. Classification takes longer, so more samples
 * wait at once: polling them every 5 ms would itself load the server the figure is about.
 */
const POLL_MS: Record<Arrival, number> = { view: 5, classification: 50 };

/**
 * POSTs one complaint and times from its 201 until GET /api/v1/complaints/{id} answers 200 (poll
 * every `POLL_MS`) and, for `classification`, shows the classifier's decision.
 */
async function untilReadable(
  url: string,
  token: string,
  capMs: number,
  arrival: Arrival = 'view',
): Promise<Outcome> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const response = await fetch(`${url}/api/v1/complaints`, { method: 'POST', headers, body: nextBody() });
  const created = (await response.json()) as { complaintId?: string };
  if (response.status !== 201 || !created.complaintId) return { failure: `POST ${response.status}` };
  const start = now();
  const limit = Date.now() + capMs;
  let status = 0;
  while (Date.now() < limit) {
    const read = await fetch(`${url}/api/v1/complaints/${created.complaintId}`, { headers });
    const view = (await read.json()) as { classification?: unknown };
    status = read.status;
    if (status === 200 && (arrival === 'view' || view.classification)) return { ms: now() - start };
    await sleep(POLL_MS[arrival]);
  }
  return {
    failure: `GET still ${status}${status === 200 ? ' without a classification' : ''} after ${capMs} ms`,
  };
}

/** Waits (at most 60 s) until a fresh complaint is readable at once, i.e. the projection has caught up. */
async function settle(url: string, token: string): Promise<{ seconds: number; settled: boolean }> {
  const start = now();
  const limit = Date.now() + 60_000;
  let settled = false;
  while (!settled && Date.now() < limit) {
    const outcome = await untilReadable(url, token, Math.max(100, limit - Date.now()));
    settled = 'ms' in outcome && outcome.ms < 250;
  }
  return { seconds: round((now() - start) / 1000, 2), settled };
}

/** A consumer group's lag over all its topics and partitions, from the host's `/metrics`. */
async function consumerLag(url: string, group: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('kesu_consumer_lag_messages{') && line.includes(`group="${group}"`))
    .reduce((lag, line) => lag + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Waits (at most `capSeconds`) until consumer groups have handled everything published — every
 * partition, not only the one a sample lands on — and says how long that took.
 */
async function drained(
  url: string,
  groups: readonly string[],
  capSeconds: number,
): Promise<{ seconds: number; settled: boolean; backlogAtStart: number }> {
  const start = now();
  const limit = Date.now() + capSeconds * 1000;
  const lag = async () =>
    (await Promise.all(groups.map((group) => consumerLag(url, group)))).reduce((a, b) => a + b, 0);
  const backlogAtStart = await lag();
  let settled = backlogAtStart === 0;
  while (!settled && Date.now() < limit) {
    await sleep(500);
    settled = (await lag()) === 0;
  }
  return { seconds: round((now() - start) / 1000, 2), settled, backlogAtStart };
}

async function readModelLatency(url: string, token: string, arrival: Arrival) {
  const samples: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (reason: string) => (failures[reason] = (failures[reason] ?? 0) + 1);
  const pending: Promise<void>[] = [];
  const interval = 1000 / config.latencyRate;
  const start = Date.now();
  for (let i = 0; i < config.latencySamples; i++) {
    const wait = start + i * interval - Date.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      untilReadable(url, token, 5_000, arrival).then(
        (outcome) => void ('ms' in outcome ? samples.push(outcome.ms) : fail(outcome.failure)),
        (error: unknown) => void fail(errorMessage(error)),
      ),
    );
  }
  await Promise.all(pending);
  return { samples, failures };
}

/**
 * POST /api/v1/complaints against the built host: max throughput, a fixed rate, intake → read model
 * latency and intake → classification shown in the view.
 */
export async function benchHttpIntake() {
  const dir = tempDir('http');
  let host: Host | undefined;
  try {
    progress('http intake: starting the built host');
    host = await Host.start(dir.path);
    const token = await host.token('agent1');

    progress(
      `http intake: max throughput, ${config.httpConnections} connections for ${config.httpSeconds} s`,
    );
    const max = await cannon(host.url, token, { connections: config.httpConnections });
    await sleep(1000);
    progress(`http intake: fixed rate ${config.httpRate}/s for ${config.httpSeconds} s`);
    const fixed = await cannon(host.url, token, {
      connections: config.httpConnections,
      overallRate: config.httpRate,
    });
    progress('http intake: waiting for the read model to catch up with the load');
    const catchUp = await settle(host.url, token);
    progress(`http intake: ${config.latencySamples} complaints at ${config.latencyRate}/s until readable`);
    const latency = await readModelLatency(host.url, token, 'view');
    progress('http intake: waiting (at most 10 minutes) for the classifier to catch up with the load');
    // both passes: the first classification, and that of the members of collective incidents
    const classifierCatchUp = await drained(
      host.url,
      ['classification.classify', 'classification.collective-classify'],
      600,
    );
    progress(`http intake: ${config.latencySamples} complaints at ${config.latencyRate}/s until classified`);
    const classified = await readModelLatency(host.url, token, 'classification');

    return {
      maxThroughput: {
        connections: config.httpConnections,
        seconds: config.httpSeconds,
        requests: max.requests.total,
        requestsPerSecond: round(max.requests.average, 0),
        p50Ms: max.latency.p50,
        p99Ms: max.latency.p99,
        non2xx: max.non2xx,
        errors: max.errors + max.timeouts,
        target: targets.intakePerSecond,
      },
      fixedRate: {
        requestedPerSecond: config.httpRate,
        seconds: config.httpSeconds,
        requests: fixed.requests.total,
        achievedPerSecond: round(fixed.requests.total / Math.max(1, fixed.duration), 0),
        p50Ms: fixed.latency.p50,
        p99Ms: fixed.latency.p99,
        non2xx: fixed.non2xx,
        errors: fixed.errors + fixed.timeouts,
        target: `p99 ${targets.intakeP99AtFixedRateMs}`,
      },
      intakeToReadModel: {
        complaints: config.latencySamples,
        ratePerSecond: config.latencyRate,
        readModelCatchUpAfterLoad: catchUp,
        measured: latency.samples.length,
        failures: latency.failures,
        pollEveryMs: POLL_MS.view,
        p50Ms: percentile(latency.samples, 50),
        p99Ms: percentile(latency.samples, 99),
        target: `p99 ${targets.intakeToReadModelP99Ms}`,
      },
      intakeToClassified: {
        complaints: config.latencySamples,
        ratePerSecond: config.latencyRate,
        classifierCatchUpAfterLoad: classifierCatchUp,
        measured: classified.samples.length,
        failures: classified.failures,
        pollEveryMs: POLL_MS.classification,
        p50Ms: percentile(classified.samples, 50),
        p99Ms: percentile(classified.samples, 99),
        target: `p99 ${targets.intakeToClassifiedP99Ms}`,
      },
    };
  } catch (error) {
    return { skipped: `http intake failed: ${errorMessage(error)}`, hostLogs: host?.logs().slice(-1000) };
  } finally {
    await host?.stop();
    dir.cleanup();
  }
}
