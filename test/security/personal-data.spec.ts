import { shownIn, WITHOUT_PERSONAL_DATA } from './route-matrix.test-support';
import {
  DEMO_USERS,
  type SecurityApp,
  type SentRequest,
  startSecurityApp,
} from './security-app.test-support';
import {
  BRANCHES,
  complaintBody,
  PERSONAL_DATA_KINDS,
  personalData,
  type PersonalDataKind,
  register,
  seed,
  type Seeded,
  viewWhen,
} from './seed.test-support';

/*
 * Personal data and branch scope over every seeded complaint (a complaint with every personal field in
 * each branch, one per kind of contact, the incidents' complaints): what each role reads of each.
 */

let t: SecurityApp;
let seeded: Seeded;

beforeAll(async () => {
  t = await startSecurityApp('personal-data');
  seeded = await seed(t);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** Every read that shows a complaint, for every seeded complaint, and the lists. */
function complaintReads(): SentRequest[] {
  const asOf = encodeURIComponent(new Date().toISOString());
  const get = (url: string): SentRequest => ({ method: 'GET', url });
  return [
    get('/api/v1/complaints?limit=100'),
    get('/api/v1/classification/incidents?limit=100'),
    ...Object.values(seeded.incidents).map((id) => get(`/api/v1/classification/incidents/${id}`)),
    ...seeded.complaints.flatMap(({ complaintId }) => [
      get(`/api/v1/complaints/${complaintId}`),
      get(`/api/v1/complaints/${complaintId}?asOf=${asOf}`),
      get(`/api/v1/complaints/${complaintId}/history`),
      get(`/api/v1/complaints/${complaintId}/history/verify`),
    ]),
  ];
}

/** What a caller reads of every complaint: each request with its answer (all 200). */
async function readEverything(as: string): Promise<Array<{ request: SentRequest; body: string }>> {
  const answers = [];
  for (const request of complaintReads()) {
    const reply = await t.send(as, request);
    expect({ url: request.url, status: reply.statusCode }).toEqual({ url: request.url, status: 200 });
    answers.push({ request, body: reply.body });
  }
  return answers;
}

/** The values of a kind that the answers show, each with the request that shows it. */
const shownOf = (answers: Array<{ request: SentRequest; body: string }>, kind: PersonalDataKind) =>
  answers.flatMap(({ request, body }) =>
    shownIn(body, personalData[kind], request).map((value) => `${request.url}: ${value}`),
  );

/** The complaints a caller's full-text search finds by each location and phone written in a description. */
async function foundByPersonalValues(as: string): Promise<string[]> {
  const found: string[] = [];
  for (const kind of ['location', 'phone in the description'] as const) {
    for (const value of personalData[kind]) {
      const url = `/api/v1/complaints?q=${encodeURIComponent(value)}`;
      const { items } = (await t.send(as, { method: 'GET', url })).json() as { items: unknown[] };
      if (items.length > 0) found.push(`${kind} ${value}: ${items.length}`);
    }
  }
  return found;
}

describe('what an administrator reads of every complaint (what the checks below look for is there)', () => {
  it('shows every kind of personal data but unkeyed digests of contacts', async () => {
    const answers = await readEverything('admin');
    const kinds = PERSONAL_DATA_KINDS.filter((kind) => kind !== 'unkeyed digest of a contact');
    expect(kinds.filter((kind) => shownOf(answers, kind).length === 0)).toEqual([]);
    expect(shownOf(answers, 'unkeyed digest of a contact')).toEqual([]);
  });

  it('finds each complaint by its location and by a phone number in its description', async () => {
    const values = personalData.location.size + personalData['phone in the description'].size;
    expect((await foundByPersonalValues('admin')).length).toBe(values);
  });
});

describe.each(WITHOUT_PERSONAL_DATA)('what %s reads of every complaint', (as) => {
  let answers: Array<{ request: SentRequest; body: string }> = [];

  beforeAll(async () => {
    answers = await readEverything(as);
  });

  it.each(PERSONAL_DATA_KINDS)('shows no %s', (kind) => {
    expect(shownOf(answers, kind)).toEqual([]);
  });

  it('finds no complaint by a personal value it may not see', async () => {
    expect(await foundByPersonalValues(as)).toEqual([]);
  });
});

// prettier-ignore
const SCOPE: Record<string, string> = {
  //             east-1 east-2 west-1 west-2
  admin:        '200    200    200    200',
  agent1:       '200    404    404    404',
  agent2:       '404    404    200    404',
  handler1:     '200    404    404    404',
  supervisor1:  '200    200    404    404',
  manager1:     '200    404    404    404',
  director1:    '200    200    200    200',
  analyst1:     '200    200    200    200',
  regulator1:   '200    200    200    200',
  other:        '404    404    404    404',
};

describe('branch scope', () => {
  it('covers every demo user and another tenant', () => {
    expect(Object.keys(SCOPE)).toEqual([...DEMO_USERS, 'other']);
  });

  it.each(Object.keys(SCOPE))('lets %s read the complaints of its branches only', async (as) => {
    const statuses: Record<string, string> = {};
    for (const suffix of ['', '/history', '/history/verify']) {
      const seen = [];
      for (const branchId of BRANCHES) {
        const url = `/api/v1/complaints/${seeded.byBranch[branchId]!.complaintId}${suffix}`;
        seen.push((await t.send(as, { method: 'GET', url })).statusCode);
      }
      statuses[suffix || 'view'] = seen.join(' ');
    }
    const expected = SCOPE[as]!.split(/\s+/).join(' ');
    expect(statuses).toEqual({ view: expected, '/history': expected, '/history/verify': expected });
  });

  it('lists for another tenant none of the demo tenant’s complaints, incidents, examples or models', async () => {
    const lists = {
      '/api/v1/complaints': 'items',
      '/api/v1/classification/incidents': 'items',
      '/api/v1/classification/training-examples': 'items',
      '/api/v1/classification/models': 'versions',
    };
    for (const [url, field] of Object.entries(lists)) {
      const reply = await t.send('other', { method: 'GET', url });
      expect({ url, status: reply.statusCode, [field]: reply.json()[field] }).toEqual({
        url,
        status: 200,
        [field]: [],
      });
    }
  });
});

it('tells an agent nothing of the same customer’s complaint in a branch outside its scope', async () => {
  const body = complaintBody({ branchId: 'east-1', contact: 'phone' });
  const earlier = await register(t, body, 'agent1');
  const reply = await t.send('agent2', {
    method: 'POST',
    url: '/api/v1/complaints',
    payload: { ...body, branchId: 'west-1' },
  });
  expect(reply.statusCode).toBe(201);
  expect(reply.json()).toMatchObject({ status: 'merged', duplicateElsewhere: { branchId: 'east-1' } });
  const own = (reply.json() as { complaintId: string }).complaintId;
  await viewWhen(t, own, (view) => view);
  const answers = [reply.body];
  for (const suffix of ['', '/history'])
    answers.push((await t.send('agent2', { method: 'GET', url: `/api/v1/complaints/${own}${suffix}` })).body);
  const markers = [earlier.complaintId, earlier.reference];
  expect(answers.flatMap((answer) => markers.filter((marker) => answer.includes(marker)))).toEqual([]);
});
