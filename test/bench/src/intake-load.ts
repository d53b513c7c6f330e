import { createRequire } from 'node:module';
import { config, round, sleep } from './common';
import { variedDescription } from './events';

export interface CannonResult {
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
export const nextBody = (): string => complaintBody(sequence++);

/** autocannon POSTing distinct complaints to `url` for `seconds` (`BENCH_HTTP_SECONDS` unless given). */
export async function cannon(
  url: string,
  token: string,
  extra: Record<string, unknown>,
): Promise<CannonResult> {
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

/** A consumer group's lag over all its topics and partitions, from a process's `/metrics`. */
async function consumerLag(url: string, group: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('kesu_consumer_lag_messages{') && line.includes(`group="${group}"`))
    .reduce((lag, line) => lag + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** The classifier's two consumer groups: the first classification, and that of collective incidents' members. */
export const CLASSIFIER_GROUPS = ['classification.classify', 'classification.collective-classify'] as const;

/**
 * Waits (at most `capSeconds`) until consumer groups have handled everything published — every
 * partition, not only the one a sample lands on — and says how long that took.
 */
export async function drained(
  url: string,
  groups: readonly string[],
  capSeconds: number,
): Promise<{ seconds: number; settled: boolean; backlogAtStart: number }> {
  const start = performance.now();
  const limit = Date.now() + capSeconds * 1000;
  const lag = async () =>
    (await Promise.all(groups.map((group) => consumerLag(url, group)))).reduce((a, b) => a + b, 0);
  const backlogAtStart = await lag();
  let settled = backlogAtStart === 0;
  while (!settled && Date.now() < limit) {
    await sleep(500);
    settled = (await lag()) === 0;
  }
  return { seconds: round((performance.now() - start) / 1000, 2), settled, backlogAtStart };
}
