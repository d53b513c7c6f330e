import type {
  Department,
  OrgUnitKind,
  OrgUnitRef,
  StaffDirectory,
  StaffMember,
} from '@kesu/assignment-contracts';
import { DEMO_DIRECTORY, DEMO_TENANT_ID } from '@kesu/platform';
import { STAFF_DIRECTORY } from './staff-directory';

/*
 * PROVISIONAL — replaced when the directory (tenants, org trees, people as data) is merged: the
 * demo tenant's org tree from the platform's demo directory, a customer-service and a technical
 * department per unit, and the demo users as their staff, so that the host dispatches the demo's
 * complaints. Nothing but this file and its one binding in AssignmentModule depends on it.
 */

const SKILLS = [
  'service_attitude',
  'service_efficiency',
  'product_quality',
  'fees_price',
  'safety',
  'facilities_equipment',
  'hygiene',
  'communication',
  'delivery',
  'staff_conduct',
  'policy',
  'other',
];

const units: OrgUnitRef[] = DEMO_DIRECTORY.units.map((u) => ({
  unitId: u.id,
  kind: u.kind as OrgUnitKind,
  parentId: u.parentId,
  name: u.name,
}));

const departments: Department[] = units.flatMap((u) => [
  {
    departmentId: `${u.unitId}-customer-service`,
    unitId: u.unitId,
    kind: 'customer_service',
    name: { zh: `${u.name.zh}客服部`, en: `${u.name.en} Customer Service` },
    headId: u.unitId === 'east-1' ? 'user-supervisor1' : null,
  },
  {
    departmentId: `${u.unitId}-technical`,
    unitId: u.unitId,
    kind: 'technical',
    name: { zh: `${u.name.zh}技术部`, en: `${u.name.en} Technical` },
    headId: u.unitId === 'east-1' ? 'user-supervisor1' : null,
  },
]);

const EAST_1 = ['east-1-customer-service', 'east-1-technical'];
const departmentsOf: Record<string, string[]> = {
  handler1: EAST_1,
  supervisor1: EAST_1,
  manager1: EAST_1,
  director1: ['hq-customer-service'],
};

const people: StaffMember[] = DEMO_DIRECTORY.users
  .filter((u) => u.username in departmentsOf)
  .map((u) => ({
    personId: u.id,
    username: u.username,
    name: u.displayName,
    roles: [...u.roles],
    unitIds: [...u.branchScope],
    departmentIds: departmentsOf[u.username]!,
    skills: SKILLS,
    languages: ['zh', 'en'],
    capacity: 50,
    onDuty: true,
  }));

/** The demo tenant's staff, read-only, until the directory is merged. */
export class ProvisionalStaffDirectory implements StaffDirectory {
  private known = (tenantId: string) => tenantId === DEMO_TENANT_ID;

  async unit(tenantId: string, unitId: string) {
    return this.known(tenantId) ? units.find((u) => u.unitId === unitId) : undefined;
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

  async department(tenantId: string, departmentId: string) {
    return this.known(tenantId) ? departments.find((d) => d.departmentId === departmentId) : undefined;
  }

  async departments(tenantId: string, unitId: string) {
    return this.known(tenantId) ? departments.filter((d) => d.unitId === unitId) : [];
  }

  async members(tenantId: string, departmentId: string) {
    return this.known(tenantId) ? people.filter((p) => p.departmentIds.includes(departmentId)) : [];
  }

  async person(tenantId: string, personId: string) {
    return this.known(tenantId) ? people.find((p) => p.personId === personId) : undefined;
  }

  async holders(tenantId: string, unitId: string, role: string) {
    return this.known(tenantId)
      ? people.filter((p) => p.unitIds.includes(unitId) && p.roles.includes(role))
      : [];
  }
}

/** The provisional binding of STAFF_DIRECTORY. */
export const provisionalStaffDirectory = { provide: STAFF_DIRECTORY, useClass: ProvisionalStaffDirectory };
