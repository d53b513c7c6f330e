import { DomainRuleViolation, InvalidInputError, NotFoundError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { type CreateTenant, type DirectoryCommand, directoryDecider } from './directory-decider';
import {
  acme,
  admin,
  by,
  changeData,
  created,
  csDepartment,
  departmentRecord,
  handler,
  organised,
  personRecord,
  unitRecord,
  units,
} from './directory.test-support';

const spec = DeciderSpecification.for(directoryDecider);
const put = (record: ReturnType<typeof unitRecord>): DirectoryCommand => ({
  type: 'PutRecord',
  record,
  ...by,
});
const fields = (error: InvalidInputError) => error.errors.map((e) => e.field);
const code = (expected: string) => (error: { code: string }) => error.code === expected;

describe('creating a tenant', () => {
  const create: CreateTenant = {
    type: 'CreateTenant',
    tenant: acme,
    admin: { personId: 'p-admin', username: 'admin', name: { zh: '管理员', en: 'Administrator' } },
    by: 'user-platform-admin',
    reason: '新客户签约',
  };
  const platformChange = { tenantId: 'acme', changedBy: 'user-platform-admin', reason: '新客户签约' };

  it('records the tenant and its first administrator', () => {
    spec
      .given([])
      .when(create)
      .then([
        { type: 'TenantCreated', data: { ...platformChange, tenant: acme } },
        { type: 'PersonAdded', data: { ...platformChange, person: admin } },
      ]);
  });

  it('refuses a tenant that exists already (409)', () => {
    spec.given(created).when(create).thenThrows(DomainRuleViolation, code('tenant.exists'));
  });

  it('names every malformed field: id, time zone, language, names, the admin', () => {
    const bad = {
      ...create,
      tenant: {
        tenantId: 'Acme Power',
        name: { zh: ' ', en: 'Acme' },
        timeZone: 'GMT+8',
        defaultLanguage: 'fr',
      },
      admin: { personId: 'p-admin', username: 'has space', name: { zh: '管理员', en: '' } },
    } as unknown as CreateTenant;
    spec
      .given([])
      .when(bad)
      .thenThrows(InvalidInputError, (e) =>
        ['tenantId', 'name.zh', 'timeZone', 'defaultLanguage', 'admin.username', 'admin.name.en'].every((f) =>
          fields(e).includes(f),
        ),
      );
  });

  it('keeps the platform’s own id for the platform', () => {
    spec
      .given([])
      .when({ ...create, tenant: { ...acme, tenantId: 'platform' } })
      .thenThrows(InvalidInputError, (e) => fields(e).includes('tenantId'));
  });

  it('needs a reason, like every change', () => {
    spec
      .given([])
      .when({ ...create, reason: '  ' })
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'reason');
  });
});

describe('the org tree', () => {
  const south = {
    unitId: 'south',
    kind: 'region' as const,
    parentId: 'hq',
    name: { zh: '华南区', en: 'South Region' },
  };

  it('adds a unit under its parent, with who and why', () => {
    spec
      .given(organised)
      .when(put(unitRecord(south)))
      .then([{ type: 'OrgUnitAdded', data: { ...changeData, unit: south } }]);
  });

  it('records a rename as a change, and the same unit again as nothing', () => {
    const renamed = { ...units.sh, name: { zh: '上海市分公司', en: 'Shanghai City Branch' } };
    spec
      .given(organised)
      .when(put(unitRecord(renamed)))
      .then([{ type: 'OrgUnitChanged', data: { ...changeData, unit: renamed } }]);
    spec
      .given(organised)
      .when(put(unitRecord(units.sh)))
      .thenNothingHappens();
  });

  it('refuses an unknown parent (400 naming parentId)', () => {
    spec
      .given(organised)
      .when(put(unitRecord({ ...south, parentId: 'nowhere' })))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'parentId');
  });

  it('refuses a unit under its own descendant (a cycle)', () => {
    spec
      .given(organised)
      .when(put(unitRecord({ ...units.east, parentId: 'sh' })))
      .thenThrows(InvalidInputError, (e) =>
        e.errors.some((x) => (x as { code?: string }).code === 'unit.cycle'),
      );
  });

  it('keeps headquarters → regions → branches → outlets', () => {
    const outletUnderRegion = {
      unitId: 'o1',
      kind: 'outlet',
      parentId: 'east',
      name: { zh: '营业厅', en: 'Hall' },
    };
    spec
      .given(organised)
      .when(put(unitRecord(outletUnderRegion)))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'parentId');
    spec
      .given(organised)
      .when(put(unitRecord({ ...south, kind: 'branch', parentId: null })))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'parentId');
  });

  it('has one headquarters (409)', () => {
    spec
      .given(organised)
      .when(put(unitRecord({ ...south, unitId: 'hq2', kind: 'headquarters', parentId: null })))
      .thenThrows(DomainRuleViolation, code('unit.second_headquarters'));
  });

  it('refuses a change of kind its units could no longer sit under (409)', () => {
    spec
      .given(organised)
      .when(put(unitRecord({ ...units.east, kind: 'branch' })))
      .thenThrows(DomainRuleViolation, code('unit.children_misplaced'));
  });

  it('removes a unit nothing relies on, and refuses one with units, departments or people (409)', () => {
    const removal = (unitId: string): DirectoryCommand => ({ type: 'RemoveOrgUnit', unitId, ...by });
    spec
      .given(organised)
      .when(removal('hz'))
      .then([{ type: 'OrgUnitRemoved', data: { ...changeData, unitId: 'hz' } }]);
    spec.given(organised).when(removal('east')).thenThrows(DomainRuleViolation, code('unit.has_units'));
    spec.given(organised).when(removal('sh')).thenThrows(DomainRuleViolation, code('unit.has_departments'));
    const withoutDepartment = [
      ...organised,
      { type: 'DepartmentRemoved' as const, data: { ...changeData, departmentId: 'sh-cs' } },
    ];
    spec
      .given(withoutDepartment)
      .when(removal('sh'))
      .thenThrows(DomainRuleViolation, code('unit.has_people'));
    spec.given(organised).when(removal('mars')).thenThrows(NotFoundError, code('unit.not_found'));
  });

  it('needs the tenant (404 before it was created)', () => {
    spec
      .given([])
      .when(put(unitRecord(south)))
      .thenThrows(NotFoundError, code('tenant.not_found'));
  });
});

describe('departments', () => {
  it('are set up in a unit with a head, and refused with an unknown unit or head (400)', () => {
    const billing = {
      departmentId: 'sh-bill',
      unitId: 'sh',
      name: { zh: '营业部', en: 'Billing' },
      headId: null,
    };
    spec
      .given(organised)
      .when(put(departmentRecord(billing)))
      .then([{ type: 'DepartmentAdded', data: { ...changeData, department: billing } }]);
    spec
      .given(organised)
      .when(put(departmentRecord({ ...billing, unitId: 'mars', headId: 'p-nobody' })))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'unitId,headId');
  });

  it('do not move away from the units of their people (409)', () => {
    spec
      .given(organised)
      .when(put(departmentRecord({ ...csDepartment, unitId: 'hz' })))
      .thenThrows(DomainRuleViolation, code('directory.strands_people'));
  });

  it('are not closed while people belong to them (409)', () => {
    spec
      .given(organised)
      .when({ type: 'RemoveDepartment', departmentId: 'sh-cs', ...by })
      .thenThrows(DomainRuleViolation, code('department.has_people'));
  });
});

describe('people', () => {
  const li = {
    personId: 'p-li',
    username: 'li',
    name: { zh: '李娜', en: 'Li Na' },
    roles: ['handler'],
    unitIds: ['sh'],
    departmentIds: ['sh-cs'],
  };

  it('join with the tenant’s defaults for what their record leaves out', () => {
    spec
      .given(organised)
      .when(put(personRecord(li)))
      .then([
        {
          type: 'PersonAdded',
          data: {
            ...changeData,
            person: { ...li, skills: [], languages: ['zh'], capacity: 10, onDuty: true },
          },
        },
      ]);
  });

  it('keep what a change leaves out', () => {
    const moved = { ...handler, unitIds: ['east'] };
    const { skills: _s, capacity: _c, languages: _l, onDuty: _d, ...record } = moved;
    spec
      .given(organised)
      .when(put(personRecord(record)))
      .then([{ type: 'PersonChanged', data: { ...changeData, person: moved } }]);
  });

  it('have a username of their own (409)', () => {
    spec
      .given(organised)
      .when(put(personRecord({ ...li, username: 'wang' })))
      .thenThrows(DomainRuleViolation, code('person.username_taken'));
  });

  it('act in units and belong to departments that exist, within those units (400)', () => {
    spec
      .given(organised)
      .when(put(personRecord({ ...li, unitIds: ['mars'], departmentIds: ['nowhere'] })))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'unitIds,departmentIds');
    spec
      .given(organised)
      .when(put(personRecord({ ...li, unitIds: ['hz'] })))
      .thenThrows(InvalidInputError, (e) =>
        e.errors.some((x) => (x as { code?: string }).code === 'person.department_outside_units'),
      );
  });

  it('name known roles, and capacity as a whole number (400 naming each field)', () => {
    spec
      .given(organised)
      .when(put(personRecord({ ...li, roles: ['wizard'], capacity: -1, onDuty: 'yes' })))
      .thenThrows(InvalidInputError, (e) => fields(e).join() === 'roles,capacity,onDuty');
  });

  it('keep one admin: the last one neither loses the role nor leaves (409)', () => {
    spec
      .given(organised)
      .when(put(personRecord({ ...admin, roles: ['director'] })))
      .thenThrows(DomainRuleViolation, code('tenant.last_admin'));
    spec
      .given(organised)
      .when({ type: 'RemovePerson', personId: 'p-admin', ...by })
      .thenThrows(DomainRuleViolation, code('tenant.last_admin'));
  });

  it('leave unless they head a department (409), and are 404 when unknown', () => {
    spec
      .given(organised)
      .when({ type: 'RemovePerson', personId: 'p-wang', ...by })
      .thenThrows(DomainRuleViolation, code('person.heads_department'));
    spec
      .given([
        ...organised,
        {
          type: 'PersonAdded',
          data: { ...changeData, person: { ...handler, personId: 'p-li', username: 'li' } },
        },
      ])
      .when({ type: 'RemovePerson', personId: 'p-li', ...by })
      .then([{ type: 'PersonRemoved', data: { ...changeData, personId: 'p-li' } }]);
    spec
      .given(organised)
      .when({ type: 'RemovePerson', personId: 'p-nobody', ...by })
      .thenThrows(NotFoundError, code('person.not_found'));
  });

  it('go on and off duty; the duty they are on already records nothing', () => {
    const offDuty: DirectoryCommand = { type: 'SetDuty', personId: 'p-wang', onDuty: false, ...by };
    spec
      .given(organised)
      .when(offDuty)
      .then([{ type: 'PersonDutyChanged', data: { ...changeData, personId: 'p-wang', onDuty: false } }]);
    spec
      .given(organised)
      .when({ ...offDuty, onDuty: true })
      .thenNothingHappens();
    spec
      .given(organised)
      .when({ ...offDuty, personId: 'p-nobody' })
      .thenThrows(NotFoundError, code('person.not_found'));
  });
});
