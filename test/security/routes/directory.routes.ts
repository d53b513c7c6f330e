import { BECAUSE } from '../assignment-seed.test-support';
import { routeCases, type RouteRequest } from '../route-matrix.test-support';
import { must } from '../seed.test-support';
import type { SecurityApp } from '../security-app.test-support';

/*
 * Tenants and their directories. Tenants are the platform administrator's alone. A tenant's directory
 * is its admins' to change; supervisors, branch managers and directors read it and set the duty of
 * the people of their units (handler2, east-1), agents and handlers their own only. Each change puts
 * back a record of the demo tenant as it stands (records nothing), or removes one made for the
 * request; another tenant's administrator finds none of the demo tenant's records (its tenant has no
 * directory).
 */
// prettier-ignore
const grid = {
  //                                                         adm ag1 ag2 hd1 sv1 mg1 dr1 an1 rg1 pla oth none
  'POST /api/v1/tenants':                                   '403 403 403 403 403 403 403 403 403 ok  403 401',
  'GET /api/v1/tenants':                                    '403 403 403 403 403 403 403 403 403 ok  403 401',
  'GET /api/v1/directory':                                  'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'PUT /api/v1/directory/units/{unitId}':                   'ok  403 403 403 403 403 403 403 403 403 404 401',
  'POST /api/v1/directory/units/{unitId}/removal':          'ok  403 403 403 403 403 403 403 403 403 404 401',
  'PUT /api/v1/directory/departments/{departmentId}':       'ok  403 403 403 403 403 403 403 403 403 404 401',
  'POST /api/v1/directory/departments/{departmentId}/removal':'ok  403 403 403 403 403 403 403 403 403 404 401',
  'PUT /api/v1/directory/people/{personId}':                'ok  403 403 403 403 403 403 403 403 403 404 401',
  'POST /api/v1/directory/people/{personId}/removal':       'ok  403 403 403 403 403 403 403 403 403 404 401',
  'PUT /api/v1/directory/people/{personId}/duty':           'ok  403 403 403 ok  ok  ok  403 403 403 404 401',
  'POST /api/v1/directory/imports':                         'ok  403 403 403 403 403 403 403 403 403 404 401',
};

const url = '/api/v1/directory';
let made = 0;

interface Directory {
  units: Array<{ unitId: string } & Record<string, unknown>>;
  departments: Array<{ departmentId: string } & Record<string, unknown>>;
  people: Array<{ personId: string } & Record<string, unknown>>;
}

const directory = async (t: SecurityApp): Promise<Directory> =>
  (await t.send('admin', { method: 'GET', url })).json() as Directory;

/** A record of the demo tenant put back as it stands (read as its admin), with a reason. */
const putBack =
  (path: string, find: (d: Directory) => Record<string, unknown>): RouteRequest =>
  async (_as, _seeded, t) => ({
    method: 'PUT',
    url: `${url}/${path}`,
    payload: { ...find(await directory(t)), ...BECAUSE },
  });

const without = (record: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

/** A record made by the admin for the request to remove: its path. */
const removal =
  (make: (n: number) => { path: string; record: object }): RouteRequest =>
  async (_as, _seeded, t) => {
    const { path, record } = make(++made);
    await must(t, 'admin', { method: 'PUT', url: `${url}/${path}`, payload: { ...record, ...BECAUSE } });
    return { method: 'POST', url: `${url}/${path}/removal`, payload: BECAUSE };
  };

const name = (n: number) => ({ zh: `测试记录${n}`, en: `Test record ${n}` });

export const directoryRoutes = routeCases(grid, {
  'POST /api/v1/tenants': async () => {
    const n = ++made;
    return {
      method: 'POST',
      url: '/api/v1/tenants',
      payload: {
        tenantId: `security-${n}`,
        name: name(n),
        timeZone: 'Asia/Shanghai',
        defaultLanguage: 'zh',
        admin: { personId: `user-security-admin-${n}`, username: `security-admin-${n}`, name: name(n) },
        ...BECAUSE,
      },
    };
  },
  'GET /api/v1/tenants': async () => ({ method: 'GET', url: '/api/v1/tenants' }),
  'GET /api/v1/directory': async () => ({ method: 'GET', url }),
  'PUT /api/v1/directory/units/{unitId}': putBack('units/east-1', (d) =>
    without(
      d.units.find((u) => u.unitId === 'east-1')!,
      'unitId',
    ),
  ),
  'POST /api/v1/directory/units/{unitId}/removal': removal((n) => ({
    path: `units/security-outlet-${n}`,
    record: { kind: 'outlet', parentId: 'east-1', name: name(n) },
  })),
  'PUT /api/v1/directory/departments/{departmentId}': putBack('departments/east-1-cs', (d) =>
    without(
      d.departments.find((u) => u.departmentId === 'east-1-cs')!,
      'departmentId',
    ),
  ),
  'POST /api/v1/directory/departments/{departmentId}/removal': removal((n) => ({
    path: `departments/security-department-${n}`,
    record: { unitId: 'east-1', name: name(n), kind: 'customer_service', headId: null },
  })),
  'PUT /api/v1/directory/people/{personId}': putBack('people/user-handler2', (d) =>
    without(
      d.people.find((p) => p.personId === 'user-handler2')!,
      'personId',
    ),
  ),
  'POST /api/v1/directory/people/{personId}/removal': removal((n) => ({
    path: `people/user-security-${n}`,
    record: { username: `security-${n}`, name: name(n), roles: ['agent'], unitIds: ['east-1'] },
  })),
  'PUT /api/v1/directory/people/{personId}/duty': async () => ({
    method: 'PUT',
    url: `${url}/people/user-handler2/duty`,
    payload: { onDuty: true, ...BECAUSE },
  }),
  'POST /api/v1/directory/imports': async (_as, _seeded, t) => {
    const { units } = await directory(t);
    const branch = units.find((u) => u.unitId === 'east-1')!;
    return {
      method: 'POST',
      url: `${url}/imports`,
      payload: { json: { units: [branch], departments: [], people: [] }, ...BECAUSE },
    };
  },
});
