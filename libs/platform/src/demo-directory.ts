/** A localised name. */
export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}

/** A unit of a tenant's organisation: headquarters, region or branch. */
export interface OrgUnit {
  readonly id: string;
  readonly kind: 'headquarters' | 'region' | 'branch';
  readonly parentId: string | null;
  readonly name: LocalizedName;
}

/** A user of the directory; `branchScope` lists the org units the user may act on. */
export interface DirectoryUser {
  readonly id: string;
  readonly username: string;
  readonly tenantId: string;
  readonly displayName: LocalizedName;
  readonly roles: readonly string[];
  readonly branchScope: readonly string[];
}

/** A tenant with its org tree and users. */
export interface TenantDirectory {
  readonly tenantId: string;
  readonly name: LocalizedName;
  readonly units: readonly OrgUnit[];
  readonly users: readonly DirectoryUser[];
}

export const DEMO_TENANT_ID = 'demo';

const unit = (
  id: string,
  kind: OrgUnit['kind'],
  parentId: string | null,
  zh: string,
  en: string,
): OrgUnit => ({
  id,
  kind,
  parentId,
  name: { zh, en },
});

const user = (username: string, zh: string, en: string, role: string, scope: string): DirectoryUser => ({
  id: `user-${username}`,
  username,
  tenantId: DEMO_TENANT_ID,
  displayName: { zh, en },
  roles: [role],
  branchScope: [scope],
});

/** The demo tenant: HQ → two regions → four branches, and one user per role. */
export const DEMO_DIRECTORY: TenantDirectory = {
  tenantId: DEMO_TENANT_ID,
  name: { zh: '演示公司', en: 'Demo Company' },
  units: [
    unit('hq', 'headquarters', null, '总部', 'Headquarters'),
    unit('east', 'region', 'hq', '华东区', 'East Region'),
    unit('west', 'region', 'hq', '华西区', 'West Region'),
    unit('east-1', 'branch', 'east', '上海分公司', 'Shanghai Branch'),
    unit('east-2', 'branch', 'east', '杭州分公司', 'Hangzhou Branch'),
    unit('west-1', 'branch', 'west', '成都分公司', 'Chengdu Branch'),
    unit('west-2', 'branch', 'west', '重庆分公司', 'Chongqing Branch'),
  ],
  users: [
    user('admin', '系统管理员', 'Administrator', 'admin', 'hq'),
    user('agent1', '王芳', 'Wang Fang', 'agent', 'east-1'),
    user('agent2', '李娜', 'Li Na', 'agent', 'west-1'),
    user('handler1', '张伟', 'Zhang Wei', 'handler', 'east-1'),
    user('supervisor1', '刘洋', 'Liu Yang', 'supervisor', 'east'),
    user('manager1', '陈静', 'Chen Jing', 'branch_manager', 'east-1'),
    user('director1', '杨磊', 'Yang Lei', 'director', 'hq'),
    user('analyst1', '赵敏', 'Zhao Min', 'analyst', 'hq'),
    user('regulator1', '周强', 'Zhou Qiang', 'regulator', 'hq'),
  ],
};
