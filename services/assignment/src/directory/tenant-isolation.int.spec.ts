import type { StaffDirectory } from '@kesu/assignment-contracts';
import { OrgDirectory } from '@kesu/platform';
import { STAFF_DIRECTORY } from '../staff-directory';
import { type DirectoryTestApp, northwind, PLATFORM_ADMIN, startAssignment } from './directory.test-support';

/*
 * Two tenants on one deployment never see each other's directories: every route works on the
 * caller's own tenant, every read of people answers one tenant, and another tenant's ids are
 * unknown — and a second process on the same storage sees each change within a second.
 */

let t: DirectoryTestApp;
let other: DirectoryTestApp;

const NORTHWIND = {
  units: [
    { unitId: 'hq', kind: 'headquarters', parentId: null, name: { zh: '北风总部', en: 'Northwind HQ' } },
    { unitId: 'london', kind: 'branch', parentId: 'hq', name: { zh: '伦敦分公司', en: 'London Branch' } },
  ],
  departments: [
    {
      departmentId: 'london-cs',
      unitId: 'london',
      name: { zh: '客服部', en: 'Customer Care' },
      headId: null,
    },
  ],
  people: [
    {
      personId: 'nw-handler1',
      username: 'handler1',
      name: { zh: '艾米', en: 'Amy' },
      roles: ['handler'],
      unitIds: ['london'],
      departmentIds: ['london-cs'],
      languages: ['en'],
    },
  ],
};

beforeAll(async () => {
  t = await startAssignment();
  other = await startAssignment({ dataDir: t.dataDir, modules: [], directoryRefreshMs: 50 });
  expect(
    (await t.request('POST', PLATFORM_ADMIN, '/api/v1/tenants', { payload: northwind })).statusCode,
  ).toBe(201);
  const imported = await t.request('POST', 'nw-admin', '/api/v1/directory/imports', {
    payload: { reason: 'HR export', json: NORTHWIND },
  });
  expect(imported.statusCode).toBe(200);
});
afterAll(async () => {
  await other.close();
  await t.close();
});

describe('two tenants on one deployment', () => {
  it('each reads its own directory only', async () => {
    const demo = (await t.request('GET', 'admin@demo', '/api/v1/directory')).json();
    const north = (await t.request('GET', 'nw-admin', '/api/v1/directory')).json();
    expect(north.units.map((u: { unitId: string }) => u.unitId)).toEqual(['hq', 'london']);
    expect(north.people.map((p: { personId: string }) => p.personId)).toEqual(['nw-admin', 'nw-handler1']);
    expect(demo.people.some((p: { personId: string }) => p.personId.startsWith('nw-'))).toBe(false);
    expect(demo.units.some((u: { unitId: string }) => u.unitId === 'london')).toBe(false);
  });

  it('do not reach each other’s units, departments or people (404, or an unknown reference)', async () => {
    const removal = await t.request('POST', 'nw-admin', '/api/v1/directory/units/east-1/removal', {
      payload: { reason: 'x' },
    });
    expect(removal.statusCode).toBe(404);
    const person = await t.request('POST', 'nw-admin', '/api/v1/directory/people/user-handler1/removal', {
      payload: { reason: 'x' },
    });
    expect(person.statusCode).toBe(404);
    const intoDemo = await t.request('PUT', 'nw-admin', '/api/v1/directory/people/nw-handler2', {
      payload: {
        username: 'handler2',
        name: { zh: '本', en: 'Ben' },
        roles: ['handler'],
        unitIds: ['east-1'],
        reason: 'x',
      },
    });
    expect(intoDemo.statusCode).toBe(400);
    expect(intoDemo.json().errors[0]).toMatchObject({ field: 'unitIds', code: 'unit.unknown' });
    const duty = await t.request('PUT', 'handler1@northwind', '/api/v1/directory/people/user-handler2/duty', {
      payload: { onDuty: false, reason: 'x' },
    });
    expect(duty.statusCode).toBe(403);
  });

  it('let the same username live in both, each token naming its own tenant', async () => {
    const demo = await t.tokenFor('handler1@demo');
    const north = await t.tokenFor('handler1@northwind');
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims(demo)).toMatchObject({ tid: 'demo', sub: 'user-handler1', branches: ['east-1'] });
    expect(claims(north)).toMatchObject({ tid: 'northwind', sub: 'nw-handler1', branches: ['london'] });
  });

  it('answer dispatch’s questions about people per tenant', async () => {
    const staff = t.app.get<StaffDirectory>(STAFF_DIRECTORY);
    expect((await staff.members('demo', 'east-1-cs')).map((p) => p.username)).toEqual([
      'manager1',
      'handler1',
      'handler2',
      'handler3',
    ]);
    expect(await staff.members('northwind', 'east-1-cs')).toEqual([]);
    expect((await staff.members('northwind', 'london-cs')).map((p) => p.personId)).toEqual(['nw-handler1']);
    expect(await staff.person('northwind', 'user-handler1')).toBeUndefined();
    expect((await staff.unitChain('demo', 'east-1')).map((u) => u.unitId)).toEqual(['east-1', 'east', 'hq']);
    expect((await staff.holders('demo', 'east-1', 'branch_manager')).map((p) => p.username)).toEqual([
      'manager1',
    ]);
    expect((await staff.departments('demo', 'hq')).map((d) => d.departmentId)).toEqual([
      'hq-office',
      'hq-service-centre',
    ]);
    expect(await staff.department('northwind', 'london-cs')).toMatchObject({
      unitId: 'london',
      headId: null,
    });
  });

  it('keep their scopes apart in the platform’s directory', () => {
    const directory = t.app.get(OrgDirectory);
    const amy = directory.principalOf('northwind', 'handler1');
    expect(directory.covers(amy, 'london')).toBe(true);
    expect(directory.covers(amy, 'east-1')).toBe(false);
    expect(directory.covers(directory.principalOf('demo', 'admin'), 'london')).toBe(false);
  });
});

describe('another process on the same storage', () => {
  it('holds every tenant’s directory, and sees a change within a second', async () => {
    const directory = other.app.get(OrgDirectory);
    await eventually(() => directory.findUser('handler1', 'northwind'));
    const added = await t.request('PUT', 'nw-admin', '/api/v1/directory/people/nw-handler3', {
      payload: {
        username: 'handler3',
        name: { zh: '卡尔', en: 'Carl' },
        roles: ['handler'],
        unitIds: ['london'],
        reason: 'new hire',
      },
    });
    expect(added.statusCode).toBe(200);
    const started = Date.now();
    const carl = await eventually(() => directory.findUser('handler3', 'northwind'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(carl).toMatchObject({ id: 'nw-handler3', branchScope: ['london'] });
    expect(await other.tokenFor('handler3@northwind')).toBeTruthy();
  });
});

async function eventually<T>(probe: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
