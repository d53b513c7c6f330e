import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { SecurityApp } from '../security-app.test-support';
import type { StoredState } from '../stored-state.test-support';
import {
  type Attack,
  type Attempt,
  type Expectation,
  FUZZ_RUNS,
  FUZZ_SEED,
  type RouteInfo,
} from './fuzz.test-support';

/*
 * The property every attack holds on every route: whatever is sent, no answer is a 5xx; a refusal
 * is an RFC 9457 problem, and a 400 names an input the attempt spoiled; a refused request stores
 * nothing (no event, and no row of the documents or data keys written); and the answer is the one the
 * attack expects.
 */

/** The seed of one attack on one route: KESU_FUZZ_SEED, varied by both names (stable as attacks are added). */
const seedOf = (attack: string, route: string): number =>
  [...`${attack} ${route}`].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) % 1_000_003, FUZZ_SEED);

/** Checks an attack on a route: throws, naming how to replay it, when an attempt breaks the property. */
export async function holds(t: SecurityApp, route: RouteInfo, attack: Attack, valid: Attempt): Promise<void> {
  const expectation = attack.expects(route);
  const seed = seedOf(attack.name, route.route);
  const examples = (attack.examples?.(route, valid) ?? []).map((example) => [example] as [Attempt]);
  try {
    await fc.assert(
      fc.asyncProperty(attack.attempts(route, valid), (sent) => answersWell(t, sent, expectation)),
      // fast-check counts the examples among the runs: every example, then FUZZ_RUNS generated
      { seed, numRuns: examples.length + FUZZ_RUNS, endOnFailure: true, examples },
    );
  } catch (error) {
    const replay = `KESU_FUZZ_SEED=${FUZZ_SEED} KESU_FUZZ_RUNS=${FUZZ_RUNS} npx jest test/security/edge-fuzz.spec.ts -t '${route.route} ${attack.name}'`;
    const { message, cause } = error as Error;
    throw new Error(
      `${attack.name} on ${route.route}, KESU_FUZZ_SEED ${FUZZ_SEED} (property seed ${seed}); replay with\n  ${replay}\n${message}\n${String(cause ?? '')}`,
    );
  }
}

async function answersWell(t: SecurityApp, sent: Attempt, expectation: Expectation): Promise<void> {
  const before = await t.storedAtRest();
  const reply = await t.inject({
    method: sent.method as 'GET',
    url: sent.url,
    headers: sent.headers,
    ...(sent.body !== undefined && { payload: sent.body }),
  });
  const status = reply.statusCode;
  const answer = `${status} ${reply.body.slice(0, 300)}`;
  // what an accepted change starts in the background is done before anything else is checked
  if (status < 300 && sent.method !== 'GET') await t.settle();
  if (status >= 500) throw new Error(`answered ${answer}`);
  if (status >= 400) {
    expectProblem(reply, sent, answer);
    await expectNothingStored(t, before, answer);
  }
  if (expectation === 'refused' && status < 400) throw new Error(`not refused: ${answer}`);
  if (Array.isArray(expectation) && !expectation.includes(status))
    throw new Error(`expected ${expectation.join(' or ')}, answered ${answer}`);
}

interface Problem {
  readonly type?: unknown;
  readonly title?: unknown;
  readonly status?: unknown;
  readonly errors?: ReadonlyArray<{ readonly field?: unknown }>;
}

/** A refusal is `application/problem+json` with its type, title and status; a 400 names the input spoiled. */
function expectProblem(reply: LightMyRequestResponse, sent: Attempt, answer: string): void {
  if (!/^application\/problem\+json/.test(String(reply.headers['content-type'])))
    throw new Error(`answered ${answer} as ${reply.headers['content-type']}, not a problem`);
  const problem = JSON.parse(reply.body) as Problem;
  if (
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string' ||
    problem.status !== reply.statusCode
  )
    throw new Error(`answered ${answer}: a problem needs its type, title and status`);
  if (reply.statusCode !== 400 || sent.fields === undefined) return;
  const named = (problem.errors ?? []).map((error) => normalised(String(error.field)));
  const spoilt = sent.fields.map(normalised);
  if (!named.some((field) => spoilt.some((spoiled) => related(field, spoiled))))
    throw new Error(`answered ${answer}: names [${named.join(', ')}], not ${sent.fields.join(' or ')}`);
}

/** A field as a dot path in lower case (`rules[0].id` → `rules.0.id`, `If-Match` → `if-match`). */
const normalised = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1').toLowerCase();

/** The same field, or one inside the other (a problem may name a field's object or a part of it). */
const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

async function expectNothingStored(t: SecurityApp, before: StoredState, answer: string): Promise<void> {
  const after = await t.stored();
  if (isDeepStrictEqual(before, after)) return;
  const written = (await t.store.readAll()).filter((e) => e.globalPosition > before.headPosition);
  // the services' own timers (an outbox retrying a delivery, a clock's warning) may record meanwhile:
  // what a refused request must not do is record anything as its caller
  if (written.length > 0 && written.every((e) => e.actor.kind !== 'user')) return;
  const events = written.map((e) => `${e.type} on ${e.streamId} caused by ${e.causationId}`);
  throw new Error(
    `answered ${answer} but stored: ${JSON.stringify(before)} → ${JSON.stringify(after)}; events: ${events.join(', ') || 'none'}`,
  );
}
