import type { LightMyRequestResponse } from 'fastify';
import {
  demoMarkers,
  documentedRoutes,
  expectedStatus,
  shownIn,
  WITHOUT_PERSONAL_DATA,
} from './route-matrix.test-support';
import { nonconforming } from './recorded-events.test-support';
import { ROUTES } from './routes';
import {
  CALLERS,
  type CallerName,
  OTHER_TENANT,
  PLATFORM_ADMIN,
  type SecurityApp,
  type SentRequest,
  startSecurityApp,
} from './security-app.test-support';
import { personalValues, seed, type Seeded } from './seed.test-support';

/*
 * Every route of contracts/openapi.yaml as every demo role, another tenant's administrator and nobody:
 * the status each gets, no personal data in any answer to a role that may not see it, and nothing of
 * the demo tenant in any answer to the other tenant.
 */

let t: SecurityApp;
let seeded: Seeded;

beforeAll(async () => {
  // the edge's rate limits have their own tests; the assignment rows' seeding polls views as admin
  t = await startSecurityApp('matrix', { rateLimits: false });
  seeded = await seed(t);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

it('covers every route contracts/openapi.yaml documents, and only those', () => {
  expect(ROUTES.map((r) => r.route).sort()).toEqual(documentedRoutes());
});

describe.each(ROUTES.map((routeCase) => [routeCase.route, routeCase] as const))('%s', (route, routeCase) => {
  const answers = new Map<CallerName, { request: SentRequest; reply: LightMyRequestResponse }>();
  const answerOf = (as: CallerName) => {
    const answer = answers.get(as);
    if (!answer) throw new Error(`${route} was not asked as ${as}`);
    return answer;
  };

  for (const as of CALLERS) {
    const expected = expectedStatus(routeCase, as);
    it(`answers ${as} with ${expected}`, async () => {
      const request = await routeCase.request(as, seeded, t);
      const reply = await t.send(as, request);
      answers.set(as, { request, reply });
      expect({
        status: reply.statusCode,
        ...(reply.statusCode !== expected && { body: reply.body.slice(0, 600) }),
      }).toEqual({ status: expected });
      if (expected >= 400) expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  }

  for (const as of WITHOUT_PERSONAL_DATA) {
    it(`shows ${as} no personal data`, () => {
      const { request, reply } = answerOf(as);
      expect(shownIn(reply.body, personalValues(), request)).toEqual([]);
    });
  }

  it.each([PLATFORM_ADMIN, OTHER_TENANT])('shows %s nothing of the demo tenant', (as) => {
    const { request, reply } = answerOf(as);
    expect(shownIn(reply.body, demoMarkers(seeded, personalValues()), request)).toEqual([]);
  });
});

it('recorded, on the way, only events its contracts publish, each matching its schema', async () => {
  await t.settle();
  const recorded = await t.store.readAll();
  expect(nonconforming(recorded)).toEqual([]);
  // the check bites: a field no contract names, or an unpublished type, is named
  const [first] = recorded;
  expect(nonconforming([{ ...first!, data: { ...(first!.data as object), unpublished: 1 } }])).toHaveLength(
    1,
  );
  expect(nonconforming([{ ...first!, type: 'NoSuchEvent' }])).toHaveLength(1);
  expect([...new Set(recorded.map((e) => e.streamId.split('-')[0]))]).toEqual(
    expect.arrayContaining(['intake', 'classification', 'assignment', 'sla']),
  );
});
