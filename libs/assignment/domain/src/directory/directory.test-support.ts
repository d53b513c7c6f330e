import type {
  DirectoryEvent,
  OrgUnitKind,
  OrgUnitRef,
  StaffMember,
  TenantProfile,
} from '@kesu/assignment-contracts';
import type { DirectoryRecord } from './directory-records';

/** Who makes the changes of the specs, and why. */
export const by = { by: 'user-admin', reason: '组织架构调整' };
const change = { tenantId: 'acme', changedBy: 'user-admin', reason: '组织架构调整' };

export const acme: TenantProfile = {
  tenantId: 'acme',
  name: { zh: '阿克米供电', en: 'Acme Power' },
  timeZone: 'Asia/Shanghai',
  defaultLanguage: 'zh',
};

export const admin: StaffMember = {
  personId: 'p-admin',
  username: 'admin',
  name: { zh: '管理员', en: 'Administrator' },
  roles: ['admin'],
  unitIds: [],
  departmentIds: [],
  skills: [],
  languages: ['zh'],
  capacity: 0,
  onDuty: true,
};

export const handler: StaffMember = {
  personId: 'p-wang',
  username: 'wang',
  name: { zh: '王芳', en: 'Wang Fang' },
  roles: ['handler'],
  unitIds: ['sh'],
  departmentIds: ['sh-cs'],
  skills: ['fees_price'],
  languages: ['zh'],
  capacity: 8,
  onDuty: true,
};

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

export const units = {
  hq: unit('hq', 'headquarters', null, '总部', 'Headquarters'),
  east: unit('east', 'region', 'hq', '华东区', 'East Region'),
  sh: unit('sh', 'branch', 'east', '上海分公司', 'Shanghai Branch'),
  hz: unit('hz', 'branch', 'east', '杭州分公司', 'Hangzhou Branch'),
};

export const csDepartment = {
  departmentId: 'sh-cs',
  unitId: 'sh',
  name: { zh: '客户服务部', en: 'Customer Service' },
  headId: 'p-wang',
};

/** Acme created, with its admin. */
export const created: DirectoryEvent[] = [
  { type: 'TenantCreated', data: { ...change, tenant: acme } },
  { type: 'PersonAdded', data: { ...change, person: admin } },
];

/** Acme with HQ → East → Shanghai and Hangzhou, Shanghai's customer service and its handler. */
export const organised: DirectoryEvent[] = [
  ...created,
  ...Object.values(units).map((u): DirectoryEvent => ({
    type: 'OrgUnitAdded',
    data: { ...change, unit: u },
  })),
  { type: 'DepartmentAdded', data: { ...change, department: csDepartment } },
  { type: 'PersonAdded', data: { ...change, person: handler } },
];

export const unitRecord = (values: object): DirectoryRecord => ({ kind: 'unit', values: { ...values } });
export const departmentRecord = (values: object): DirectoryRecord => ({
  kind: 'department',
  values: { ...values },
});
export const personRecord = (values: object): DirectoryRecord => ({ kind: 'person', values: { ...values } });

/** The envelope data of the events the specs' changes record. */
export const changeData = change;
