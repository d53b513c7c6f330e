import { type DirectoryTestApp, startAssignment } from '../directory.test-support';

/*
 * Importing an organisation from an HR export through HTTP: CSV or JSON, a dry run that lists every
 * bad record by line (or path) and field, all or nothing, and the same file again records nothing.
 */

let t: DirectoryTestApp;

beforeAll(async () => {
  t = await startAssignment();
});
afterAll(() => t.close());

const IMPORTS = '/api/v1/directory/imports';
const importing = (payload: object, as = 'admin') => t.request('POST', as, IMPORTS, { payload });
const eventCount = async () => (await t.directoryEvents('demo')).length;

/** The south of the demo company: a region, a branch with an outlet and a department, and two people. */
const GOOD_CSV = [
  'record,id,kind,parent,unit,name_zh,name_en,head,username,roles,units,departments,skills,languages,capacity,on_duty',
  'person,user-handler31,,,,钟磊,Zhong Lei,,handler31,handler,south-1,south-1-cs,fees_price;communication,zh;en,9,是',
  'department,south-1-cs,,,south-1,客户服务部,Customer Service,user-handler31,,,,,,,,',
  'unit,south-1-hall,outlet,south-1,,天河营业厅,Tianhe Hall,,,,,,,,,',
  'unit,south-1,branch,south,,广州分公司,Guangzhou Branch,,,,,,,,,',
  'unit,south,region,hq,,华南区,South Region,,,,,,,,,',
  'person,user-manager31,,,,邱敏,Qiu Min,,manager31,branch_manager,south-1,,,,,',
].join('\n');

describe('a CSV import', () => {
  it('checks the file in a dry run and records nothing', async () => {
    const before = await eventCount();
    const reply = await importing({ reason: '华南区上线', dryRun: true, csv: GOOD_CSV });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      dryRun: true,
      imported: false,
      valid: true,
      problems: [],
      summary: { unitsAdded: 3, departmentsAdded: 1, peopleAdded: 2, unchanged: 0 },
    });
    expect(await eventCount()).toBe(before);
  });

  it('imports a good file, each change with the import’s reason, units from the top down', async () => {
    const before = await eventCount();
    const reply = await importing({ reason: '华南区上线', csv: GOOD_CSV });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ dryRun: false, imported: true, valid: true, revision: before + 5 });
    expect(reply.headers.etag).toBe(`"${before + 5}"`);
    const added = (await t.directoryEvents('demo')).slice(before);
    expect(added.map((e) => e.type)).toEqual([
      'OrgUnitAdded',
      'OrgUnitAdded',
      'OrgUnitAdded',
      'DepartmentAdded',
      'PersonAdded',
      'PersonAdded',
    ]);
    expect(added.every((e) => (e.data as { reason: string }).reason === '华南区上线')).toBe(true);
    const directory = (await t.request('GET', 'admin', '/api/v1/directory')).json();
    expect(directory.people.find((p: { username: string }) => p.username === 'handler31')).toMatchObject({
      skills: ['fees_price', 'communication'],
      languages: ['zh', 'en'],
      capacity: 9,
      onDuty: true,
    });
  });

  it('records nothing when the same file is imported again', async () => {
    const before = await eventCount();
    const reply = await importing({ reason: '再次导入', csv: GOOD_CSV });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      imported: true,
      revision: before - 1,
      summary: { unitsAdded: 0, unitsChanged: 0, peopleAdded: 0, peopleChanged: 0, unchanged: 6 },
    });
    expect(await eventCount()).toBe(before);
  });

  const BAD_CSV = [
    'record,id,kind,parent,unit,name_zh,name_en,head,username,roles,units,departments,capacity',
    'unit,south-2,branch,north,,深圳分公司,Shenzhen Branch,,,,,,',
    'person,user-handler32,,,,白雪,,,handler31,handler,south-1,,lots',
    'team,x,,,,,,,,,,,',
    'department,south-2-cs,,,south-9,客户服务部,Customer Service,user-nobody,,,,,',
    'person,user-handler33,,,,石磊,Shi Lei,,handler33,handler,south-1,south-1-cs,12',
  ].join('\n');

  it('lists every bad record by line and field, in Chinese and English, in a dry run', async () => {
    const reply = await importing({ reason: '深圳分公司', dryRun: true, csv: BAD_CSV });
    expect(reply.statusCode).toBe(200);
    const { valid, problems } = reply.json();
    expect(valid).toBe(false);
    expect(
      problems.map(({ line, field, code }: { line: number; field: string; code: string }) => ({
        line,
        field,
        code,
      })),
    ).toEqual([
      { line: 2, field: 'parent', code: 'unit.parent_unknown' },
      { line: 3, field: 'name_en', code: 'field.text' },
      { line: 3, field: 'capacity', code: 'person.capacity' },
      { line: 4, field: 'record', code: 'csv.record_kind' },
      { line: 5, field: 'unit', code: 'unit.unknown' },
      { line: 5, field: 'head', code: 'department.head_unknown' },
    ]);
    expect(problems[0]).toMatchObject({
      record: 'unit',
      id: 'south-2',
      messages: { zh: '上级单位 north 不存在', en: 'there is no unit north to be the parent' },
    });
  });

  it('imports nothing from a file with any bad record (400 listing them all)', async () => {
    const before = await eventCount();
    const reply = await importing({ reason: '深圳分公司', csv: BAD_CSV });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors).toHaveLength(6);
    expect(reply.json().errors[0]).toMatchObject({
      line: 2,
      field: 'parent',
      message: 'there is no unit north to be the parent',
    });
    expect(await eventCount()).toBe(before);
  });

  it('says where a malformed file breaks, and names unknown columns', async () => {
    const broken = await importing({ reason: 'x', dryRun: true, csv: 'record,id\nunit,"south-3\n' });
    expect(broken.json().problems).toEqual([
      expect.objectContaining({ field: 'csv', code: 'csv.malformed' }),
    ]);
    const columns = await importing({ reason: 'x', dryRun: true, csv: 'record,id,colour\nunit,a,red' });
    expect(columns.json().problems).toEqual([
      expect.objectContaining({ line: 1, field: 'colour', code: 'csv.column_unknown' }),
    ]);
  });
});

describe('a JSON import', () => {
  const json = {
    units: [
      {
        unitId: 'west-2-hall',
        kind: 'outlet',
        parentId: 'west-2',
        name: { zh: '解放碑营业厅', en: 'Jiefangbei Hall' },
      },
    ],
    people: [
      {
        personId: 'user-handler16',
        username: 'handler16',
        name: { zh: '唐亮', en: 'Tang Liang' },
        roles: ['handler'],
        capacity: 15,
      },
    ],
  };

  it('imports records by their fields, keeping what a record leaves out', async () => {
    const reply = await importing({ reason: '重庆营业厅', json });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().summary).toMatchObject({ unitsAdded: 1, peopleChanged: 1 });
    const directory = (await t.request('GET', 'admin', '/api/v1/directory')).json();
    expect(directory.people.find((p: { username: string }) => p.username === 'handler16')).toMatchObject({
      capacity: 15,
      unitIds: ['west-2'],
      departmentIds: ['west-2-cs'],
    });
    expect((await importing({ reason: '重庆营业厅', json })).json().summary.unchanged).toBe(2);
  });

  it('names a bad record’s field by its path in the request', async () => {
    const reply = await importing({
      reason: 'x',
      dryRun: true,
      json: { ...json, people: [{ ...json.people[0], username: 'agent2' }], teams: [] },
    });
    expect(reply.json().problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['json.teams', 'json.shape'],
      ['json.people.0.username', 'person.username_taken'],
    ]);
  });

  it('takes csv or json, one of them (400)', async () => {
    const reply = await importing({ reason: 'x', csv: 'record,id', json });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors[0].field).toBe('csv');
  });
});

describe('who may import', () => {
  it('is the tenant’s admins: anyone else is refused before the body is read (403)', async () => {
    expect((await importing({ reason: 'x', dryRun: true, csv: GOOD_CSV }, 'manager1')).statusCode).toBe(403);
  });
});
