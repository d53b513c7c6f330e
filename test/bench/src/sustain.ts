import {
  config,
  errorMessage,
  now,
  percentile,
  progress,
  round,
  sleep,
  targets,
  tempDir,
  verdict,
} from './common';
import { Host } from './host';
import { throughput } from './http-intake';
import { cannon, nextBody } from './intake-load';

/** The stages a complaint's view shows after its 201, each timed from the 201. */
const STAGES = ['classified', 'assigned', 'clocked', 'all'] as const;
type Stage = (typeof STAGES)[number];

interface ViewParts {
  readonly classification?: unknown;
  readonly assignment?: { readonly status?: string } | null;
  readonly sla?: { readonly milestones?: Record<string, unknown> };
}

/** A sampled complaint: when it was sent (ms into the run) and the lag to each stage; absent if never seen. */
interface Sample {
  readonly sentAt: number;
  readonly lag: Partial<Record<Stage, number>>;
  readonly failure?: string;
}

const CAP_MS = 30_000;

/**
 * One sampled complaint: POSTed, accepted at once by a handler (dispatch needs it accepted and
 * classified), then its view read until it shows the classification, an assignment or a queue
 * placement, and the SLA service's deadlines. The view is read again after a tenth of the time
 * waited so far (at least 100 ms), so slow arrivals do not multiply the polling.
 */
async function sample(url: string, agent: string, handler: string, sentAt: number): Promise<Sample> {
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const posted = await fetch(`${url}/api/v1/complaints`, {
    method: 'POST',
    headers: json(agent),
    body: nextBody(),
  });
  const { complaintId } = (await posted.json()) as { complaintId?: string };
  if (posted.status !== 201 || !complaintId) return { sentAt, lag: {}, failure: `POST ${posted.status}` };
  const start = now();
  const accepted = await fetch(`${url}/api/v1/complaints/${complaintId}/accept`, {
    method: 'POST',
    headers: json(handler),
    body: '{}',
  });
  if (accepted.status !== 202) return { sentAt, lag: {}, failure: `accept ${accepted.status}` };
  const lag: Partial<Record<Stage, number>> = {};
  while (now() - start < CAP_MS) {
    const read = await fetch(`${url}/api/v1/complaints/${complaintId}`, { headers: json(handler) });
    const view = (await read.json()) as ViewParts;
    const at = now() - start;
    if (read.status === 200) {
      if (view.classification) lag.classified ??= at;
      if (view.assignment?.status) lag.assigned ??= at;
      if (Object.keys(view.sla?.milestones ?? {}).length > 0) lag.clocked ??= at;
    }
    if (lag.classified !== undefined && lag.assigned !== undefined && lag.clocked !== undefined)
      return { sentAt, lag: { ...lag, all: at } };
    await sleep(Math.max(100, at / 10));
  }
  const missing = STAGES.filter((s) => s !== 'all' && lag[s] === undefined).join(', ');
  return { sentAt, lag, failure: `not ${missing} after ${CAP_MS / 1000} s` };
}

/** p50/p99 of one stage; a sample that never reached it counts as slower than any that did. */
function stageFigures(samples: readonly Sample[], stage: Stage) {
  const lags = samples.map((s) => s.lag[stage] ?? Infinity);
  const p99 = percentile(lags, 99);
  return { p50Ms: percentile(lags, 50), p99Ms: p99, neverSeen: lags.filter((l) => l === Infinity).length };
}

/**
 * `BENCH_HTTP_RATE` complaints a second for `BENCH_SUSTAIN_SECONDS` against the one-process host,
 * and beside that load `BENCH_SUSTAIN_SAMPLE_RATE` sampled complaints a second timed from their 201
 * to classified, assigned (or queued) and clocked; growth compares the first third of the run with
 * the last.
 */
export async function benchSustained() {
  const dir = tempDir('sustain');
  let host: Host | undefined;
  try {
    progress('sustain: starting the built host');
    host = await Host.start(dir.path);
    const [agent, handler] = await Promise.all([host.token('agent1'), host.token('handler1')]);
    const seconds = config.sustainSeconds;
    progress(`sustain: ${config.httpRate}/s for ${seconds} s, ${config.sustainSampleRate}/s sampled`);
    const load = cannon(host.url, agent, {
      connections: config.httpConnections,
      overallRate: config.httpRate,
      duration: seconds,
    });
    const pending: Promise<Sample>[] = [];
    const interval = 1000 / config.sustainSampleRate;
    const start = now();
    for (let i = 0; i * interval < seconds * 1000; i++) {
      const wait = start + i * interval - now();
      if (wait > 0) await sleep(wait);
      const sentAt = now() - start;
      pending.push(
        sample(host.url, agent, handler, sentAt).catch((e: unknown) => ({
          sentAt,
          lag: {},
          failure: errorMessage(e),
        })),
      );
    }
    const loaded = await load;
    progress('sustain: waiting for the sampled complaints');
    const samples = await Promise.all(pending);
    const failures: Record<string, number> = {};
    for (const s of samples) if (s.failure) failures[s.failure] = (failures[s.failure] ?? 0) + 1;
    const third = (seconds * 1000) / 3;
    const first = samples.filter((s) => s.sentAt < third);
    const last = samples.filter((s) => s.sentAt >= 2 * third);
    const firstP99 = stageFigures(first, 'all').p99Ms;
    const lastP99 = stageFigures(last, 'all').p99Ms;
    const all = stageFigures(samples, 'all');
    // "does not grow": the last third's p99 within 1.5× (or 100 ms) of the first third's
    const grows = !(Number.isFinite(lastP99) && lastP99 <= Math.max(firstP99 * 1.5, firstP99 + 100));
    return {
      process: 'one process: the host with every service and all their consumers',
      load: {
        requestedPerSecond: config.httpRate,
        ...throughput(loaded),
        seconds,
        achievedPerSecond: round(loaded.requests.total / Math.max(1, loaded.duration), 0),
      },
      sampled: samples.length,
      samplePerSecond: config.sustainSampleRate,
      failures,
      lag: Object.fromEntries(STAGES.map((stage) => [stage, stageFigures(samples, stage)])),
      ...verdict(all.neverSeen === 0 ? all.p99Ms : undefined, targets.sustainedLagP99Ms),
      growth: {
        firstThirdP99Ms: firstP99,
        lastThirdP99Ms: lastP99,
        grows,
        verdict: grows ? '✘' : '✔',
      },
    };
  } catch (error) {
    return { skipped: `sustain failed: ${errorMessage(error)}`, hostLogs: host?.logs().slice(-1000) };
  } finally {
    await host?.stop();
    dir.cleanup();
  }
}
