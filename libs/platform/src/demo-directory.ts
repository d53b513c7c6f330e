import { PLATFORM_TENANT_ID, Role } from './principal';
import type { DirectoryUser, LocalizedName, OrgUnitKind, TenantDirectory } from './tenant-directory';

export type { DirectoryUser, LocalizedName, OrgUnit, TenantDirectory } from './tenant-directory';

/**
 * A tenant's organisation as an HR system exports it — the shape of a directory import — used for
 * the demo tenant, which the host seeds through the directory's own commands on first start.
 */
export interface DemoOrganisation {
  readonly tenant: {
    readonly tenantId: string;
    readonly name: LocalizedName;
    readonly timeZone: string;
    readonly defaultLanguage: 'zh' | 'en';
  };
  readonly units: readonly {
    readonly unitId: string;
    readonly kind: OrgUnitKind;
    readonly parentId: string | null;
    readonly name: LocalizedName;
  }[];
  readonly departments: readonly {
    readonly departmentId: string;
    readonly unitId: string;
    readonly name: LocalizedName;
    /** What the department does (`customer_service`, `technical`, …): routing rules name departments by it. */
    readonly kind?: string;
    readonly headId: string | null;
  }[];
  readonly people: readonly {
    readonly personId: string;
    readonly username: string;
    readonly name: LocalizedName;
    readonly roles: readonly string[];
    readonly unitIds: readonly string[];
    readonly departmentIds: readonly string[];
    readonly skills: readonly string[];
    readonly languages: readonly string[];
    readonly capacity: number;
    readonly onDuty: boolean;
  }[];
}

export const DEMO_TENANT_ID = 'demo';

type Person = DemoOrganisation['people'][number];

const unit = (unitId: string, kind: OrgUnitKind, parentId: string | null, zh: string, en: string) => ({
  unitId,
  kind,
  parentId,
  name: { zh, en },
});

const person = (
  username: string,
  zh: string,
  en: string,
  role: string,
  unitId: string,
  more: Partial<Person> = {},
): Person => ({
  personId: `user-${username}`,
  username,
  name: { zh, en },
  roles: [role],
  unitIds: [unitId],
  departmentIds: [],
  skills: [],
  languages: ['zh'],
  capacity: 0,
  onDuty: true,
  ...more,
});

const SERVICE_SKILLS = [
  'service_attitude',
  'service_efficiency',
  'fees_price',
  'communication',
  'policy',
  'other',
];
const TECHNICAL_SKILLS = ['product_quality', 'facilities_equipment', 'safety', 'delivery'];

/** The branches, with their Chinese and English names, their manager and their five handlers (three in customer service, two technical). */
const BRANCHES: readonly (readonly [
  string,
  string,
  string,
  readonly [string, string, string],
  readonly (readonly [string, string])[],
])[] = [
  [
    'east-1',
    '上海分公司',
    'Shanghai Branch',
    ['manager1', '陈静', 'Chen Jing'],
    [
      ['张伟', 'Zhang Wei'],
      ['刘强', 'Liu Qiang'],
      ['陈晓燕', 'Chen Xiaoyan'],
      ['黄磊', 'Huang Lei'],
      ['孙丽', 'Sun Li'],
    ],
  ],
  [
    'east-2',
    '杭州分公司',
    'Hangzhou Branch',
    ['manager2', '周杰', 'Zhou Jie'],
    [
      ['马超', 'Ma Chao'],
      ['胡静', 'Hu Jing'],
      ['林涛', 'Lin Tao'],
      ['何勇', 'He Yong'],
      ['高敏', 'Gao Min'],
    ],
  ],
  [
    'west-1',
    '成都分公司',
    'Chengdu Branch',
    ['manager3', '吴刚', 'Wu Gang'],
    [
      ['罗刚', 'Luo Gang'],
      ['梁慧', 'Liang Hui'],
      ['宋佳', 'Song Jia'],
      ['谢军', 'Xie Jun'],
      ['韩雪', 'Han Xue'],
    ],
  ],
  [
    'west-2',
    '重庆分公司',
    'Chongqing Branch',
    ['manager4', '郑浩', 'Zheng Hao'],
    [
      ['唐亮', 'Tang Liang'],
      ['冯婷', 'Feng Ting'],
      ['许明', 'Xu Ming'],
      ['邓超', 'Deng Chao'],
      ['曹颖', 'Cao Ying'],
    ],
  ],
];

/** Each branch's customer-service and technical departments, headed by their first handler. */
const branchDepartments = BRANCHES.flatMap(([branchId], b) => [
  {
    departmentId: `${branchId}-cs`,
    unitId: branchId,
    name: { zh: '客户服务部', en: 'Customer Service' },
    kind: 'customer_service',
    headId: `user-handler${b * 5 + 1}`,
  },
  {
    departmentId: `${branchId}-tech`,
    unitId: branchId,
    name: { zh: '技术部', en: 'Technical Department' },
    kind: 'technical',
    headId: `user-handler${b * 5 + 4}`,
  },
]);

const branchPeople = BRANCHES.flatMap(([branchId, , , [manager, managerZh, managerEn], handlers], b) => [
  // Managers take the major complaints the routing policy hands them (within the hour).
  person(manager, managerZh, managerEn, 'branch_manager', branchId, {
    departmentIds: [`${branchId}-cs`, `${branchId}-tech`],
    capacity: 10,
  }),
  ...handlers.map(([zh, en], h) => {
    const technical = h >= 3;
    return person(`handler${b * 5 + h + 1}`, zh, en, 'handler', branchId, {
      departmentIds: [`${branchId}-${technical ? 'tech' : 'cs'}`],
      skills: technical ? TECHNICAL_SKILLS : h === 2 ? [...SERVICE_SKILLS, 'staff_conduct'] : SERVICE_SKILLS,
      languages: h === 1 ? ['zh', 'en'] : ['zh'],
      capacity: technical ? 8 : 12,
      onDuty: !(b === 3 && h === 4),
    });
  }),
]);

/**
 * The demo tenant: HQ → two regions → four branches; at HQ the general manager's office and the
 * customer service centre (its director coordinates collective incidents); in each branch a
 * customer-service and a technical department with their handlers and the branch manager; and one
 * user of every other role.
 */
export const DEMO_ORGANISATION: DemoOrganisation = {
  tenant: {
    tenantId: DEMO_TENANT_ID,
    name: { zh: '演示公司', en: 'Demo Company' },
    timeZone: 'Asia/Shanghai',
    defaultLanguage: 'zh',
  },
  units: [
    unit('hq', 'headquarters', null, '总部', 'Headquarters'),
    unit('east', 'region', 'hq', '华东区', 'East Region'),
    unit('west', 'region', 'hq', '华西区', 'West Region'),
    ...BRANCHES.map(([id, zh, en]) => unit(id, 'branch', id.startsWith('east') ? 'east' : 'west', zh, en)),
  ],
  departments: [
    {
      departmentId: 'hq-office',
      unitId: 'hq',
      name: { zh: '总经理办公室', en: "General Manager's Office" },
      kind: 'management',
      headId: 'user-gm1',
    },
    {
      departmentId: 'hq-service-centre',
      unitId: 'hq',
      name: { zh: '客户服务中心', en: 'Customer Service Centre' },
      kind: 'customer_service',
      headId: 'user-director1',
    },
    ...branchDepartments,
  ],
  people: [
    person('admin', '系统管理员', 'Administrator', 'admin', 'hq'),
    person('agent1', '王芳', 'Wang Fang', 'agent', 'east-1'),
    person('agent2', '李娜', 'Li Na', 'agent', 'west-1'),
    person('supervisor1', '刘洋', 'Liu Yang', 'supervisor', 'east'),
    // The general manager and the centre director take the critical complaints (the same day).
    person('gm1', '王建国', 'Wang Jianguo', 'director', 'hq', {
      departmentIds: ['hq-office'],
      languages: ['zh', 'en'],
      capacity: 10,
    }),
    person('director1', '杨磊', 'Yang Lei', 'director', 'hq', {
      departmentIds: ['hq-service-centre'],
      capacity: 10,
    }),
    person('analyst1', '赵敏', 'Zhao Min', 'analyst', 'hq'),
    person('regulator1', '周强', 'Zhou Qiang', 'regulator', 'hq'),
    ...branchPeople,
  ],
};

/** The platform's view of an organisation: its units and users. */
export function tenantDirectoryOf(organisation: DemoOrganisation, revision?: number): TenantDirectory {
  const { tenant } = organisation;
  return {
    ...tenant,
    ...(revision !== undefined && { revision }),
    units: organisation.units.map(({ unitId, kind, parentId, name }) => ({
      id: unitId,
      kind,
      parentId,
      name,
    })),
    users: organisation.people.map((p) => ({
      id: p.personId,
      username: p.username,
      tenantId: tenant.tenantId,
      displayName: p.name,
      roles: p.roles,
      branchScope: p.unitIds,
    })),
  };
}

/** The demo tenant's directory as the platform holds it once seeded (a fixture for tests of a single service). */
export const DEMO_DIRECTORY: TenantDirectory = tenantDirectoryOf(DEMO_ORGANISATION);

/** The demo profile's platform administrator: creates tenants, and acts in none (no tenant's directory holds them). */
export const DEMO_PLATFORM_ADMIN: DirectoryUser = {
  id: 'user-platform-admin',
  username: 'platform-admin',
  tenantId: PLATFORM_TENANT_ID,
  displayName: { zh: '平台管理员', en: 'Platform Administrator' },
  roles: [Role.platformAdmin],
  branchScope: [],
};
