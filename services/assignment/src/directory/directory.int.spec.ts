import { type DirectoryTestApp, startAssignment } from './directory.test-support';

/*
 * A tenant's directory through HTTP: read by its admins and managers, changed by its admins one
 * record at a time, each change an event with who and why, at the revision the caller read.
 */

let t: DirectoryTestApp;

beforeAll(async () => {
  t = await startAssignment();
});
afterAll(() => t.close());

const read = async () => (await t.request('GET', 'admin', '/api/v1/directory')).json();
const put = (url: string, payload: object, as = 'admin', headers: Record<string, string> = {}) =>
  t.request('PUT', as, `/api/v1/directory/${url}`, { payload, headers });
const post = (url: string, payload: object, as = 'admin') =>
  t.request('POST', as, `/api/v1/directory/${url}`, { payload });
const fields = (reply: { json(): { errors: { field: string }[] } }) =>
  reply.json().errors.map((e) => e.field);

const hall = {
  kind: 'outlet',
  parentId: 'east-1',
  name: { zh: '人民路营业厅', en: 'Renmin Road Hall' },
  reason: '新开营业厅',
};

describe('reading the directory', () => {
  it('answers the tenant, its units, departments and people, with the revision as ETag', async () => {
    const reply = await t.request('GET', 'admin', '/api/v1/directory');
    expect(reply.statusCode).toBe(200);
    const directory = reply.json();
    expect(reply.headers.etag).toBe(`"${directory.revision}"`);
    expect(directory.tenant).toEqual({
      tenantId: 'demo',
      name: { zh: '演示公司', en: 'Demo Company' },
      timeZone: 'Asia/Shanghai',
      defaultLanguage: 'zh',
    });
    expect(directory.units.map((u: { unitId: string }) => u.unitId)).toEqual([
      'hq',
      'east',
      'west',
      'east-1',
      'east-2',
      'west-1',
      'west-2',
    ]);
    expect(directory.departments).toContainEqual({
      departmentId: 'east-1-cs',
      unitId: 'east-1',
      name: { zh: '客户服务部', en: 'Customer Service' },
      kind: 'customer_service',
      headId: 'user-handler1',
    });
    expect(directory.people.find((p: { username: string }) => p.username === 'handler1')).toMatchObject({
      personId: 'user-handler1',
      roles: ['handler'],
      unitIds: ['east-1'],
      departmentIds: ['east-1-cs'],
      capacity: 12,
      onDuty: true,
    });
  });

  it.each(['supervisor1', 'manager1', 'director1'])('is open to %s', async (as) => {
    expect((await t.request('GET', as, '/api/v1/directory')).statusCode).toBe(200);
  });

  it.each(['agent1', 'handler1', 'analyst1', 'regulator1'])('is not shown to %s (403)', async (as) => {
    expect((await t.request('GET', as, '/api/v1/directory')).statusCode).toBe(403);
  });
});

describe('changing the org tree', () => {
  it('adds a unit with who and why, and answers it with the new revision', async () => {
    const before = (await read()).revision;
    const reply = await put('units/east-1-renmin', hall);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      unit: { unitId: 'east-1-renmin', kind: 'outlet', parentId: 'east-1', name: hall.name },
      revision: before + 1,
    });
    expect(reply.headers.etag).toBe(`"${before + 1}"`);
    const last = (await t.directoryEvents('demo')).at(-1);
    expect(last).toMatchObject({
      type: 'OrgUnitAdded',
      actor: { kind: 'user', id: 'user-admin', roles: ['admin'] },
      data: { changedBy: 'user-admin', reason: '新开营业厅', unit: { unitId: 'east-1-renmin' } },
    });
  });

  it('is the tenant admins’ alone (403 for a manager)', async () => {
    expect((await put('units/east-1-renmin', hall, 'manager1')).statusCode).toBe(403);
    expect((await post('units/east-1-renmin/removal', { reason: 'x' }, 'director1')).statusCode).toBe(403);
  });

  it('names the field of a malformed change (400)', async () => {
    const unknownParent = await put('units/east-1-nanjing', { ...hall, parentId: 'east-9' });
    expect(unknownParent.statusCode).toBe(400);
    expect(fields(unknownParent)).toEqual(['parentId']);
    expect(unknownParent.json().errors[0]).toMatchObject({
      code: 'unit.parent_unknown',
      messages: { zh: '上级单位 east-9 不存在', en: 'there is no unit east-9 to be the parent' },
    });
    expect(fields(await put('units/east-1-nanjing', { ...hall, kind: 'planet' }))).toEqual(['kind']);
    expect(fields(await put('units/bad id!', hall))).toEqual(['unitId']);
  });

  it('refuses a change the tree forbids (409)', async () => {
    const second = await put('units/hq-2', {
      kind: 'headquarters',
      parentId: null,
      name: hall.name,
      reason: 'x',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'unit.second_headquarters' });
    const withPeople = await post('units/east-2/removal', { reason: '撤销' });
    expect(withPeople.statusCode).toBe(409);
    expect(withPeople.json()).toMatchObject({ code: 'unit.has_departments' });
  });

  it('changes nothing at a stale If-Match (412), and applies at the current one', async () => {
    const { revision } = await read();
    const renamed = { ...hall, name: { zh: '人民路服务厅', en: 'Renmin Road Service Hall' } };
    const stale = await put('units/east-1-renmin', renamed, 'admin', { 'if-match': `"${revision - 1}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ currentRevision: revision });
    const current = await put('units/east-1-renmin', renamed, 'admin', { 'if-match': `"${revision}"` });
    expect(current.statusCode).toBe(200);
    expect((await t.directoryEvents('demo')).at(-1)).toMatchObject({ type: 'OrgUnitChanged' });
  });

  it('lets one of two concurrent changes at the same If-Match win, and the other 412', async () => {
    const { revision } = await read();
    const ifMatch = { 'if-match': `"${revision}"` };
    const [a, b] = await Promise.all([
      put(
        'units/east-2-west-lake',
        { ...hall, parentId: 'east-2', name: { zh: '西湖营业厅', en: 'West Lake Hall' } },
        'admin',
        ifMatch,
      ),
      put(
        'units/east-2-qiantang',
        { ...hall, parentId: 'east-2', name: { zh: '钱塘营业厅', en: 'Qiantang Hall' } },
        'admin',
        ifMatch,
      ),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    expect((await read()).revision).toBe(revision + 1);
  });

  it('applies both of two concurrent changes sent without If-Match (the loser decides again)', async () => {
    const { revision } = await read();
    const halls = ['east-2-xixi', 'east-2-binjiang'].map((id) =>
      put(`units/${id}`, { ...hall, parentId: 'east-2', name: { zh: id, en: id } }),
    );
    expect((await Promise.all(halls)).map((reply) => reply.statusCode)).toEqual([200, 200]);
    expect((await read()).revision).toBe(revision + 2);
  });

  it('records nothing for the unit as it stands, and once for a repeated Idempotency-Key', async () => {
    const { revision, units } = await read();
    const unit = units.find((u: { unitId: string }) => u.unitId === 'east-1-renmin');
    const same = await put('units/east-1-renmin', { ...unit, unitId: undefined, reason: '核对' });
    expect(same.json().revision).toBe(revision);
    const headers = { 'idempotency-key': 'hall-2' };
    const body = { ...hall, name: { zh: '解放路营业厅', en: 'Jiefang Road Hall' } };
    const first = await put('units/east-1-jiefang', body, 'admin', headers);
    const again = await put('units/east-1-jiefang', body, 'admin', headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await read()).revision).toBe(revision + 1);
  });

  it('removes a unit nothing sits in, and answers 404 for one it does not have', async () => {
    expect((await post('units/east-1-jiefang/removal', { reason: '合并' })).statusCode).toBe(200);
    const gone = await post('units/east-1-jiefang/removal', { reason: '合并' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'unit.not_found' });
  });
});

describe('departments and people', () => {
  const newcomer = {
    username: 'handler21',
    name: { zh: '钱进', en: 'Qian Jin' },
    roles: ['handler'],
    unitIds: ['east-1'],
    departmentIds: ['east-1-tech'],
    skills: ['product_quality'],
    reason: '新员工入职',
  };

  it('adds a person who can sign in and act in their units at once', async () => {
    const reply = await put('people/user-handler21', newcomer);
    expect(reply.statusCode).toBe(200);
    expect(reply.json().person).toEqual({
      personId: 'user-handler21',
      ...newcomer,
      reason: undefined,
      languages: ['zh'],
      capacity: 10,
      onDuty: true,
    });
    const token = await t.tokenFor('handler21');
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
      sub: 'user-handler21',
      roles: ['handler'],
      branches: ['east-1'],
    });
  });

  it('refuses a username another person has (409) and a department outside the person’s units (400)', async () => {
    const taken = await put('people/user-handler22', { ...newcomer, username: 'agent1' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'person.username_taken' });
    const outside = await put('people/user-handler22', {
      ...newcomer,
      username: 'handler22',
      unitIds: ['west-1'],
    });
    expect(outside.statusCode).toBe(400);
    expect(fields(outside)).toEqual(['departmentIds']);
  });

  it('sets up a department with a head, and does not close one people belong to (409)', async () => {
    const reply = await put('departments/east-1-billing', {
      unitId: 'east-1',
      name: { zh: '营业部', en: 'Billing' },
      headId: 'user-handler21',
      reason: '新设营业部',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().department).toMatchObject({
      departmentId: 'east-1-billing',
      headId: 'user-handler21',
    });
    const closing = await post('departments/east-1-tech/removal', { reason: '撤销' });
    expect(closing.statusCode).toBe(409);
    expect(closing.json()).toMatchObject({ code: 'department.has_people' });
    expect((await post('people/user-handler21/removal', { reason: '离职' })).json()).toMatchObject({
      code: 'person.heads_department',
    });
  });
});

describe('who is on duty', () => {
  const duty = (personId: string, onDuty: boolean, as: string) =>
    put(`people/${personId}/duty`, { onDuty, reason: '排班' }, as);

  it('is set by the person themselves', async () => {
    const reply = await duty('user-handler2', false, 'handler2');
    expect(reply.statusCode).toBe(200);
    expect(reply.json().person).toMatchObject({ personId: 'user-handler2', onDuty: false });
    expect((await t.directoryEvents('demo')).at(-1)).toMatchObject({
      type: 'PersonDutyChanged',
      data: { personId: 'user-handler2', onDuty: false, changedBy: 'user-handler2', reason: '排班' },
    });
  });

  it('is set by their managers within their units, and by admins', async () => {
    expect((await duty('user-handler2', true, 'manager1')).statusCode).toBe(200);
    expect((await duty('user-handler11', false, 'manager1')).statusCode).toBe(404);
    expect((await duty('user-handler11', false, 'admin')).statusCode).toBe(200);
  });

  it('is not another handler’s to set (403)', async () => {
    const reply = await duty('user-handler3', false, 'handler2');
    expect(reply.statusCode).toBe(403);
    expect(reply.json()).toMatchObject({ code: 'directory.duty_not_yours' });
  });

  it('records nothing for the duty a person is on already', async () => {
    const before = (await t.directoryEvents('demo')).length;
    expect((await duty('user-handler11', false, 'admin')).statusCode).toBe(200);
    expect(await t.directoryEvents('demo')).toHaveLength(before);
  });
});
