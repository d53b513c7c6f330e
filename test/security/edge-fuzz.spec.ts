import { bodyAttacks } from './fuzz/body-attacks';
import {
  type Attack,
  attempt,
  type Attempt,
  FUZZ_RUNS,
  FUZZ_SEED,
  PROPERTY_TIMEOUT_MS,
  routeInfo,
} from './fuzz/fuzz.test-support';
import { forgedTokens, headerAttacks } from './fuzz/header-attacks';
import { holds } from './fuzz/property';
import { urlAttacks } from './fuzz/url-attacks';
import { documentedRoutes, expectedStatus, type RouteCase } from './route-matrix.test-support';
import { ROUTES } from './routes';
import { CALLERS, type SecurityApp, startSecurityApp } from './security-app.test-support';
import { seed, type Seeded } from './seed.test-support';

/*
 * Property-based fuzzing of the HTTP edge (fast-check): generated bad bodies, headers, path ids and
 * query strings on every route of contracts/openapi.yaml. Whatever is sent, no answer is a 5xx, a
 * refusal is a problem that names the input spoiled, and a refused request stores nothing (no event,
 * no row of the documents or data keys written); each attack also says what it must be answered
 * with. The seed is fixed (KESU_FUZZ_SEED to change it, KESU_FUZZ_RUNS for more inputs per
 * property); a failure prints the seeds and the command that replays it.
 */

let t: SecurityApp;
let seeded: Seeded;
let attacks: Attack[] = [];

beforeAll(async () => {
  t = await startSecurityApp('fuzz', { rateLimits: false });
  seeded = await seed(t);
  const withoutExpiry = await t.sign(
    { sub: 'user-admin', tid: 'demo', roles: ['admin'], branches: ['hq'] },
    null,
  );
  attacks = [...bodyAttacks, ...headerAttacks(await forgedTokens(t), withoutExpiry), ...urlAttacks];
  await t.settle();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

it(`fuzzes every documented route (seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs per property)`, () => {
  expect(ROUTES.map((r) => r.route).sort()).toEqual(documentedRoutes());
});

/** The attacks as planned before the app starts (the header attacks need its tokens to run). */
const PLANNED: readonly Attack[] = [...bodyAttacks, ...headerAttacks([], ''), ...urlAttacks];

/**
 * Who sends a route's requests: the platform administrator creates tenants; the tenant's
 * administrator does the rest, but for what only those who work complaints may do (the first demo
 * user the role grid lets past the role check).
 */
function senderOf(routeCase: RouteCase): string {
  if (routeCase.route.startsWith('POST /api/v1/tenants')) return 'platform-admin';
  const allowed = (as: string) => ![401, 403].includes(expectedStatus(routeCase, as));
  return allowed('admin') ? 'admin' : (CALLERS.find(allowed) ?? 'admin');
}

/** The route's valid request as its sender sends it, its target new where the route changes one. */
async function validRequest(routeCase: RouteCase): Promise<Attempt> {
  const as = senderOf(routeCase);
  const request = await routeCase.request(as, seeded, t);
  const body = request.payload === undefined ? undefined : JSON.stringify(request.payload);
  await t.settle();
  return attempt({
    method: request.method as string,
    url: request.url,
    headers: {
      authorization: `Bearer ${t.token(as)}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(body !== undefined && { body }),
  });
}

describe.each(ROUTES.map((routeCase) => [routeCase.route, routeCase] as const))('%s', (_route, routeCase) => {
  const info = routeInfo(routeCase);
  // One valid request for the route's attacks, made again once an attempt was accepted (the event
  // store's head moved): a refused attempt leaves its target as it was.
  let valid: { attempt: Attempt; head: number } | undefined;
  const validNow = async (): Promise<Attempt> => {
    if (valid?.head !== (await t.store.headPosition())) {
      const made = await validRequest(routeCase);
      valid = { attempt: made, head: await t.store.headPosition() };
    }
    return valid.attempt;
  };

  PLANNED.forEach(({ name, applies }) => {
    if (!applies(info)) return;
    it(
      name,
      async () => {
        const attack = attacks.find((a) => a.name === name)!;
        await holds(t, info, attack, await validNow());
      },
      PROPERTY_TIMEOUT_MS,
    );
  });
});

it('leaves every complaint’s history verifiable, whatever was accepted on the way', async () => {
  const complaintIds = (await t.store.readAll())
    .filter((event) => event.type === 'ComplaintReceived')
    .map((event) => (event.data as { complaintId: string }).complaintId);
  const broken = [];
  for (const complaintId of complaintIds) {
    const url = `/api/v1/complaints/${complaintId}/history/verify`;
    const reply = await t.send('admin', { method: 'GET', url });
    if (reply.statusCode !== 200 || (reply.json() as { valid: boolean }).valid !== true)
      broken.push(`${complaintId}: ${reply.statusCode} ${reply.body.slice(0, 200)}`);
  }
  expect({ complaints: complaintIds.length > 0, broken }).toEqual({ complaints: true, broken: [] });
});
