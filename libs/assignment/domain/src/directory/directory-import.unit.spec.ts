import { fold } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { DirectoryImportRejected, type DirectoryCommand, directoryDecider } from './directory-decider';
import { planRecords } from './directory-plan';
import type { DirectoryRecord } from './directory-records';
import { by, created, departmentRecord, personRecord, unitRecord, units } from './directory.test-support';

const spec = DeciderSpecification.for(directoryDecider);
const importing = (records: DirectoryRecord[]): DirectoryCommand => ({
  type: 'ImportRecords',
  records,
  ...by,
});

/** An HR export: outlets before their branch, branches before their region, people before their department. */
const file: DirectoryRecord[] = [
  unitRecord({
    unitId: 'sh-1',
    kind: 'outlet',
    parentId: 'sh',
    name: { zh: '人民路营业厅', en: 'Renmin Road Hall' },
  }),
  unitRecord(units.sh),
  unitRecord(units.east),
  unitRecord(units.hq),
  personRecord({
    personId: 'p-wang',
    username: 'wang',
    name: { zh: '王芳', en: 'Wang Fang' },
    roles: ['handler'],
    unitIds: ['sh'],
    departmentIds: ['sh-cs'],
    skills: ['fees_price', 'service_attitude'],
    capacity: 12,
  }),
  departmentRecord({
    departmentId: 'sh-cs',
    unitId: 'sh',
    name: { zh: '客户服务部', en: 'Customer Service' },
    headId: 'p-wang',
  }),
];

describe('importing a directory', () => {
  it('records units from the top down, then departments, then people, whatever the file’s order', () => {
    spec
      .given(created)
      .when(importing(file))
      .thenMatches((events) =>
        expect(events.map((e) => `${e.type} ${JSON.stringify(Object.values(e.data)[3])}`)).toEqual([
          expect.stringMatching(/^OrgUnitAdded .*"hq"/),
          expect.stringMatching(/^OrgUnitAdded .*"east"/),
          expect.stringMatching(/^OrgUnitAdded .*"sh"/),
          expect.stringMatching(/^OrgUnitAdded .*"sh-1"/),
          expect.stringMatching(/^DepartmentAdded .*"sh-cs"/),
          expect.stringMatching(/^PersonAdded .*"p-wang"/),
        ]),
      );
  });

  it('records nothing when the same file is imported again', () => {
    const once = planRecords(fold(directoryDecider, created), file, by);
    const imported = fold(directoryDecider, [...created, ...once.events]);
    const again = planRecords(imported, file, by);
    expect(again.events).toEqual([]);
    expect(again.problems).toEqual([]);
    expect(again.summary).toMatchObject({ unitsAdded: 0, peopleAdded: 0, unchanged: file.length });
    expect(once.summary).toMatchObject({ unitsAdded: 4, departmentsAdded: 1, peopleAdded: 1, unchanged: 0 });
  });

  it('lists every bad record by its place and field, and imports nothing', () => {
    const bad: DirectoryRecord[] = [
      ...file,
      unitRecord({
        unitId: 'hz',
        kind: 'branch',
        parentId: 'west',
        name: { zh: '杭州分公司', en: 'Hangzhou' },
      }),
      personRecord({
        personId: 'p-li',
        username: 'wang',
        name: { zh: '李娜', en: 'Li Na' },
        roles: ['handler'],
      }),
      personRecord({
        personId: 'p-zhao',
        username: 'zhao',
        name: { zh: '赵敏', en: '' },
        roles: [],
        capacity: 'many',
      }),
      unitRecord(units.sh),
    ];
    const plan = planRecords(fold(directoryDecider, created), bad, by);
    expect(plan.events).toEqual([]);
    expect(plan.problems.map(({ record, field, code }) => ({ record, field, code }))).toEqual([
      { record: 7, field: 'username', code: 'record.duplicate_username' },
      { record: 8, field: 'roles', code: 'person.no_role' },
      { record: 8, field: 'name.en', code: 'field.text' },
      { record: 8, field: 'capacity', code: 'person.capacity' },
      { record: 9, field: 'unitId', code: 'record.duplicate' },
      { record: 6, field: 'parentId', code: 'unit.parent_unknown' },
    ]);
    expect(plan.problems[0]!.message).toEqual({
      zh: '文件中用户名 wang 出现了不止一次',
      en: 'username wang appears more than once in the file',
    });
    spec
      .given(created)
      .when(importing(bad))
      .thenThrows(
        DirectoryImportRejected,
        (e) => e.problems.length === 6 && e.errors[0]!.field === 'records.7.username',
      );
  });

  it('finds a username taken by someone the file does not name, and lets two people swap theirs', () => {
    const imported = fold(directoryDecider, [
      ...created,
      ...planRecords(fold(directoryDecider, created), file, by).events,
    ]);
    const taken = planRecords(
      imported,
      [
        personRecord({
          personId: 'p-li',
          username: 'admin',
          name: { zh: '李娜', en: 'Li Na' },
          roles: ['agent'],
        }),
      ],
      by,
    );
    expect(taken.problems.map((p) => p.code)).toEqual(['person.username_taken']);
    const swap = planRecords(
      imported,
      [
        personRecord({
          personId: 'p-wang',
          username: 'admin',
          name: { zh: '王芳', en: 'Wang Fang' },
          roles: ['handler'],
        }),
        personRecord({
          personId: 'p-admin',
          username: 'wang',
          name: { zh: '管理员', en: 'Administrator' },
          roles: ['admin'],
        }),
      ],
      by,
    );
    expect(swap.problems).toEqual([]);
    expect(swap.summary.peopleChanged).toBe(2);
  });
});
