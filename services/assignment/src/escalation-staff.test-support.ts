import type {
  Department,
  OrgUnitKind,
  OrgUnitRef,
  StaffDirectory,
  StaffMember,
} from '@kesu/assignment-contracts';
import type { DirectoryUser } from '@kesu/platform';
import { STAFF_DIRECTORY } from './staff-directory';

/*
 * The staff escalation's specs work with, until the directory model is merged: the demo tenant's org
 * tree (hq → east, west → east-1, east-2, west-1, west-2) with a customer-service department at
 * east-1 and at hq, their heads, the branch manager of east-1, the supervisor of the east region and
 * the director at hq (the demo users' ids); nobody manages west-1 or the west region. A second
 * tenant, `other`, has its own headquarters, branch and director.
 */

const unit = (
  unitId: string,
  kind: OrgUnitKind,
  parentId: string | null,
  zh: string,
  en: string,
): OrgUnitRef => ({
  unitId,
  kind,
  parentId,
  name: { zh, en },
});

const UNITS: Record<string, OrgUnitRef[]> = {
  demo: [
    unit('hq', 'headquarters', null, '总部', 'Headquarters'),
    unit('east', 'region', 'hq', '华东区', 'East Region'),
    unit('west', 'region', 'hq', '华西区', 'West Region'),
    unit('east-1', 'branch', 'east', '上海分公司', 'Shanghai Branch'),
    unit('east-2', 'branch', 'east', '杭州分公司', 'Hangzhou Branch'),
    unit('west-1', 'branch', 'west', '成都分公司', 'Chengdu Branch'),
    unit('west-2', 'branch', 'west', '重庆分公司', 'Chongqing Branch'),
  ],
  other: [
    unit('o-hq', 'headquarters', null, '他方总部', 'Other HQ'),
    unit('o-1', 'branch', 'o-hq', '他方分公司', 'Other Branch'),
  ],
};

const DEPARTMENTS: Record<string, Department[]> = {
  demo: [
    {
      departmentId: 'east-1-cs',
      unitId: 'east-1',
      name: { zh: '客服部', en: 'Customer Service' },
      headId: 'user-head-east1',
    },
    {
      departmentId: 'hq-cs',
      unitId: 'hq',
      name: { zh: '客户服务中心', en: 'Customer Service Centre' },
      headId: null,
    },
  ],
  other: [],
};

const person = (
  personId: string,
  zh: string,
  en: string,
  roles: string[],
  unitIds: string[],
  extra: Partial<StaffMember> = {},
): StaffMember => ({
  personId,
  username: personId.replace(/^user-/, ''),
  name: { zh, en },
  roles,
  unitIds,
  departmentIds: [],
  skills: [],
  languages: ['zh'],
  capacity: 20,
  onDuty: true,
  ...extra,
});

/** The people of each tenant. */
export const STAFF: Record<string, StaffMember[]> = {
  demo: [
    person('user-head-east1', '孙丽', 'Sun Li', ['handler'], ['east-1'], { departmentIds: ['east-1-cs'] }),
    person('user-handler1', '张伟', 'Zhang Wei', ['handler'], ['east-1'], { departmentIds: ['east-1-cs'] }),
    person('user-manager1', '陈静', 'Chen Jing', ['branch_manager'], ['east-1']),
    person('user-supervisor1', '刘洋', 'Liu Yang', ['supervisor'], ['east'], { languages: ['en', 'zh'] }),
    person('user-director1', '杨磊', 'Yang Lei', ['director'], ['hq']),
    person('user-director-away', '王强', 'Wang Qiang', ['director'], ['hq'], { onDuty: false }),
  ],
  other: [person('user-other-director', '赵六', 'Zhao Liu', ['director'], ['o-hq'])],
};

/** An in-memory StaffDirectory over these fixtures. */
export class FixtureStaffDirectory implements StaffDirectory {
  unit(tenantId: string, unitId: string) {
    return Promise.resolve((UNITS[tenantId] ?? []).find((u) => u.unitId === unitId));
  }

  async unitChain(tenantId: string, unitId: string) {
    const chain: OrgUnitRef[] = [];
    for (
      let u = await this.unit(tenantId, unitId);
      u;
      u = u.parentId ? await this.unit(tenantId, u.parentId) : undefined
    )
      chain.push(u);
    return chain;
  }

  department(tenantId: string, departmentId: string) {
    return Promise.resolve((DEPARTMENTS[tenantId] ?? []).find((d) => d.departmentId === departmentId));
  }

  departments(tenantId: string, unitId: string) {
    return Promise.resolve((DEPARTMENTS[tenantId] ?? []).filter((d) => d.unitId === unitId));
  }

  members(tenantId: string, departmentId: string) {
    return Promise.resolve((STAFF[tenantId] ?? []).filter((p) => p.departmentIds.includes(departmentId)));
  }

  person(tenantId: string, personId: string) {
    return Promise.resolve((STAFF[tenantId] ?? []).find((p) => p.personId === personId));
  }

  /** The fixtures change in place: always current. */
  async atLeast(): Promise<void> {}

  holders(tenantId: string, unitId: string, role: string) {
    return Promise.resolve(
      (STAFF[tenantId] ?? []).filter((p) => p.unitIds.includes(unitId) && p.roles.includes(role)),
    );
  }
}

/** Binds the fixture directory in a spec's module. */
export const fixtureStaffDirectoryProvider = {
  provide: STAFF_DIRECTORY,
  useValue: new FixtureStaffDirectory(),
};

/** A user a token can be issued for, who is not one of the demo directory's: a fixture person. */
export const tokenUser = (
  tenantId: string,
  personId: string,
  roles: string[],
  branchScope: string[],
): DirectoryUser => ({
  id: personId,
  username: personId.replace(/^user-/, ''),
  tenantId,
  displayName: { zh: personId, en: personId },
  roles,
  branchScope,
});
