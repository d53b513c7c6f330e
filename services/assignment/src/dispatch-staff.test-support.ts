import type {
  Department,
  OrgUnitKind,
  OrgUnitRef,
  StaffDirectory,
  StaffMember,
} from '@kesu/assignment-contracts';
import { DEMO_DIRECTORY, type DirectoryUser } from '@kesu/platform';

/*
 * The staff dispatch's specs run against, until the directory is merged: the demo tenant's units
 * (hq, east, west, east-1, east-2, west-1, west-2), a customer-service (`<unit>-cs`) and a technical
 * (`<unit>-tech`) department in each, three handlers in each customer-service department and two in
 * each technical one (`user-<department>-h<n>`; `user-handler1` is east-1-cs's first), a head of
 * each (`user-<department>-head`, a supervisor), a manager of each branch (`user-manager1` in
 * east-1, `user-<branch>-manager` elsewhere) and the director at hq (`user-director1`). Specs change
 * people with `update`, and add tenants or departments with `add`.
 */

const SKILLS = [
  'service_attitude',
  'service_efficiency',
  'communication',
  'fees_price',
  'billing',
  'other',
  'policy',
];
const TECHNICAL_SKILLS = ['product_quality', 'safety', 'facilities_equipment', 'other'];

const units: OrgUnitRef[] = DEMO_DIRECTORY.units.map((u) => ({
  unitId: u.id,
  kind: u.kind as OrgUnitKind,
  parentId: u.parentId,
  name: u.name,
}));

/** A person of the fixtures: a handler speaking Chinese, on duty, capacity 10, unless `patch` says otherwise. */
export const member = (personId: string, unitId: string, patch: Partial<StaffMember>): StaffMember => ({
  personId,
  username: personId.replace(/^user-/, ''),
  name: { zh: personId, en: personId },
  roles: ['handler'],
  unitIds: [unitId],
  departmentIds: [],
  skills: SKILLS,
  languages: ['zh'],
  capacity: 10,
  onDuty: true,
  ...patch,
});

/** The fixture's tenant `demo`, built afresh (specs change their copy). */
export function demoStaff(): { units: OrgUnitRef[]; departments: Department[]; people: StaffMember[] } {
  const departments: Department[] = [];
  const people: StaffMember[] = [];
  for (const unit of units) {
    for (const [suffix, kind, handlers, skills] of [
      ['cs', 'customer_service', 3, SKILLS],
      ['tech', 'technical', 2, TECHNICAL_SKILLS],
    ] as const) {
      const departmentId = `${unit.unitId}-${suffix}`;
      const headId = `user-${departmentId}-head`;
      departments.push({
        departmentId,
        unitId: unit.unitId,
        kind,
        name: {
          zh: `${unit.name.zh}${suffix === 'cs' ? '客服部' : '技术部'}`,
          en: `${unit.name.en} ${kind}`,
        },
        headId,
      });
      people.push(
        member(headId, unit.unitId, {
          roles: ['supervisor'],
          departmentIds: [departmentId],
          skills: [...skills],
        }),
      );
      for (let n = 1; n <= handlers; n++) {
        const id = departmentId === 'east-1-cs' && n === 1 ? 'user-handler1' : `user-${departmentId}-h${n}`;
        people.push(
          member(id, unit.unitId, {
            departmentIds: [departmentId],
            skills: [...skills],
            languages: n === 2 ? ['zh', 'en'] : ['zh'],
          }),
        );
      }
    }
    if (unit.kind === 'branch') {
      const id = unit.unitId === 'east-1' ? 'user-manager1' : `user-${unit.unitId}-manager`;
      people.push(
        member(id, unit.unitId, { roles: ['branch_manager'], departmentIds: [`${unit.unitId}-cs`] }),
      );
    }
  }
  people.push(member('user-director1', 'hq', { roles: ['director'], departmentIds: ['hq-cs'] }));
  return { units, departments, people };
}

/** A StaffDirectory over fixtures, of any number of tenants. */
export class FixtureStaffDirectory implements StaffDirectory {
  private readonly tenants = new Map<string, ReturnType<typeof demoStaff>>();

  constructor() {
    this.tenants.set('demo', demoStaff());
  }

  /** Adds (or replaces) a tenant's staff. */
  add(tenantId: string, staff: ReturnType<typeof demoStaff>): void {
    this.tenants.set(tenantId, staff);
  }

  /** Changes a person of the demo tenant (duty, capacity, skills …). */
  update(personId: string, patch: Partial<StaffMember>, tenantId = 'demo'): void {
    const staff = this.tenants.get(tenantId)!;
    staff.people = staff.people.map((p) => (p.personId === personId ? { ...p, ...patch } : p));
  }

  /** Replaces the handlers of a department (of the demo tenant) with these people. */
  staffDepartment(departmentId: string, handlers: StaffMember[], tenantId = 'demo'): void {
    const staff = this.tenants.get(tenantId)!;
    const stays = (p: StaffMember) => !p.departmentIds.includes(departmentId) || !p.roles.includes('handler');
    staff.people = [...staff.people.filter(stays), ...handlers];
  }

  private of(tenantId: string) {
    return this.tenants.get(tenantId) ?? { units: [], departments: [], people: [] };
  }

  async unit(tenantId: string, unitId: string) {
    return this.of(tenantId).units.find((u) => u.unitId === unitId);
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
    return this.of(tenantId).departments.find((d) => d.departmentId === departmentId);
  }

  async departments(tenantId: string, unitId: string) {
    return this.of(tenantId).departments.filter((d) => d.unitId === unitId);
  }

  async members(tenantId: string, departmentId: string) {
    return this.of(tenantId).people.filter((p) => p.departmentIds.includes(departmentId));
  }

  async person(tenantId: string, personId: string) {
    return this.of(tenantId).people.find((p) => p.personId === personId);
  }

  /** The fixtures change in place: always current. */
  async atLeast(): Promise<void> {}

  async holders(tenantId: string, unitId: string, role: string) {
    return this.of(tenantId).people.filter((p) => p.unitIds.includes(unitId) && p.roles.includes(role));
  }
}

/** The token user of a fixture person (for a demo token): their roles, their units as scope. */
export const userOf = (person: StaffMember, tenantId = 'demo'): DirectoryUser => ({
  id: person.personId,
  username: person.username,
  tenantId,
  displayName: person.name,
  roles: [...person.roles],
  branchScope: [...person.unitIds],
});
