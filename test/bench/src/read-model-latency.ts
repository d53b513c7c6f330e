import { config, errorMessage, now, round, sleep } from './common';
import { nextBody } from './intake-load';

/** Where complaints are posted and where their views are read: one host, or intake's and analytics' processes. */
export interface Endpoints {
  readonly intake: string;
  readonly views: string;
}

type Outcome = { ms: number } | { failure: string };

/** What the view must show before a complaint counts as arrived: the view itself, or its classification. */
export type Arrival = 'view' | 'classification';

/**
 * How often a waiting complaint's view is read again. Classification takes longer, so more samples
 * wait at once: polling them every 5 ms would itself load the server the figure is about.
 */
export const POLL_MS: Record<Arrival, number> = { view: 5, classification: 50 };

/**
 * POSTs one complaint and times from its 201 until GET /api/v1/complaints/{id} answers 200 (poll
 * every `POLL_MS`) and, for `classification`, shows the classifier's decision.
 */
async function untilReadable(
  at: Endpoints,
  token: string,
  capMs: number,
  arrival: Arrival = 'view',
): Promise<Outcome> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const response = await fetch(`${at.intake}/api/v1/complaints`, {
    method: 'POST',
    headers,
    body: nextBody(),
  });
  const created = (await response.json()) as { complaintId?: string };
  if (response.status !== 201 || !created.complaintId) return { failure: `POST ${response.status}` };
  const start = now();
  const limit = Date.now() + capMs;
  let status = 0;
  while (Date.now() < limit) {
    const read = await fetch(`${at.views}/api/v1/complaints/${created.complaintId}`, { headers });
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
export async function settle(at: Endpoints, token: string): Promise<{ seconds: number; settled: boolean }> {
  const start = now();
  const limit = Date.now() + 60_000;
  let settled = false;
  while (!settled && Date.now() < limit) {
    const outcome = await untilReadable(at, token, Math.max(100, limit - Date.now()));
    settled = 'ms' in outcome && outcome.ms < 250;
  }
  return { seconds: round((now() - start) / 1000, 2), settled };
}

/** `BENCH_LATENCY_SAMPLES` complaints sent at `BENCH_LATENCY_RATE`, each timed until it arrives in its view. */
export async function readModelLatency(at: Endpoints, token: string, arrival: Arrival) {
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
      untilReadable(at, token, 5_000, arrival).then(
        (outcome) => void ('ms' in outcome ? samples.push(outcome.ms) : fail(outcome.failure)),
        (error: unknown) => void fail(errorMessage(error)),
      ),
    );
  }
  await Promise.all(pending);
  return { samples, failures };
}
