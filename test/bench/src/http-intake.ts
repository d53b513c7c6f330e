import {
  config,
  errorMessage,
  percentile,
  progress,
  round,
  sleep,
  targets,
  tempDir,
  verdict,
} from './common';
import { Host } from './host';
import { cannon, CLASSIFIER_GROUPS, type CannonResult, drained } from './intake-load';
import { type Endpoints, POLL_MS, readModelLatency, settle } from './read-model-latency';

/** The figures of one autocannon run. */
export function throughput(run: CannonResult) {
  return {
    seconds: config.httpSeconds,
    requests: run.requests.total,
    requestsPerSecond: round(run.requests.average, 0),
    p50Ms: run.latency.p50,
    p99Ms: run.latency.p99,
    non2xx: run.non2xx,
    errors: run.errors + run.timeouts,
  };
}

/**
 * Once the classifier has caught up with the load before, `BENCH_LATENCY_SAMPLES` complaints timed
 * from 201 until their view shows the classification. Shared by the one-process host and the
 * services split across processes.
 */
export async function classifiedAfterLoad(at: Endpoints & { classifier: string }, token: string) {
  progress('http intake: waiting (at most 10 minutes) for the classifier to catch up with the load');
  const classifierCatchUp = await drained(at.classifier, CLASSIFIER_GROUPS, 600);
  progress(`http intake: ${config.latencySamples} complaints at ${config.latencyRate}/s until classified`);
  const classified = await readModelLatency(at, token, 'classification');
  return {
    complaints: config.latencySamples,
    ratePerSecond: config.latencyRate,
    classifierCatchUpAfterLoad: classifierCatchUp,
    measured: classified.samples.length,
    failures: classified.failures,
    pollEveryMs: POLL_MS.classification,
    p50Ms: percentile(classified.samples, 50),
    p99Ms: percentile(classified.samples, 99),
    ...verdict(
      Object.keys(classified.failures).length === 0 ? percentile(classified.samples, 99) : undefined,
      targets.intakeToClassifiedP99Ms,
    ),
  };
}

/**
 * POST /api/v1/complaints against the built one-process host (every service and its consumers in
 * it): max throughput, a fixed rate, intake → read model latency and intake → classification shown
 * in the view.
 */
export async function benchHttpIntake() {
  const dir = tempDir('http');
  let host: Host | undefined;
  try {
    progress('http intake: starting the built host');
    host = await Host.start(dir.path);
    const token = await host.token('agent1');
    const at = { intake: host.url, views: host.url, classifier: host.url };

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
    const catchUp = await settle(at, token);
    progress(`http intake: ${config.latencySamples} complaints at ${config.latencyRate}/s until readable`);
    const latency = await readModelLatency(at, token, 'view');
    const intakeToClassified = await classifiedAfterLoad(at, token);

    return {
      process: 'one process: the host with every service and all their consumers',
      maxThroughput: {
        connections: config.httpConnections,
        ...throughput(max),
        ...verdict(round(max.requests.average, 0), targets.intakePerSecond),
      },
      fixedRate: {
        requestedPerSecond: config.httpRate,
        ...throughput(fixed),
        achievedPerSecond: round(fixed.requests.total / Math.max(1, fixed.duration), 0),
        ...verdict(fixed.latency.p99, targets.intakeP99AtFixedRateMs),
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
        ...verdict(percentile(latency.samples, 99), targets.intakeToReadModelP99Ms),
      },
      intakeToClassified,
    };
  } catch (error) {
    return { skipped: `http intake failed: ${errorMessage(error)}`, hostLogs: host?.logs().slice(-1000) };
  } finally {
    await host?.stop();
    dir.cleanup();
  }
}
