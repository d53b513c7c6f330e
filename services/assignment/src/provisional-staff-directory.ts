import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Department, OrgUnitRef, StaffDirectory, StaffMember } from '@kesu/assignment-contracts';
import { DEMO_DIRECTORY, DIRECTORY_TENANTS, type TenantDirectory } from '@kesu/platform';
import { STAFF_DIRECTORY } from './staff-directory';

/*
 * PROVISIONAL — replaced when the directory model (tenants, org tree, departments, people as data)
 * is merged: it reads the platform's tenant directories in code (the demo tenant), which have no
 * departments, skills or duty rosters. Everyone acts in the units of their scope, reads zh, and is
 * on duty; nobody heads a department, so escalation passes over the department level.
 */

/** The staff of the platform's in-code tenant directories, as dispatch and escalation read people. */
@Injectable()
export class ProvisionalStaffDirectory implements StaffDirectory {
  private readonly tenants: ReadonlyMap<string, TenantDirectory>;

  constructor(@Optional() @Inject(DIRECTORY_TENANTS) tenants: readonly TenantDirectory[] = [DEMO_DIRECTORY]) {
    this.tenants = new Map(tenants.map((t) => [t.tenantId, t]));
  }

  unit(tenantId: string, unitId: string): Promise<OrgUnitRef | undefined> {
    const unit = this.tenants.get(tenantId)?.units.find((u) => u.id === unitId);
    return Promise.resolve(
      unit && { unitId: unit.id, kind: unit.kind, parentId: unit.parentId, name: unit.name },
    );
  }

  async unitChain(tenantId: string, unitId: string): Promise<readonly OrgUnitRef[]> {
    const chain: OrgUnitRef[] = [];
    for (let unit = await this.unit(tenantId, unitId); unit && !chain.includes(unit);) {
      chain.push(unit);
      unit = unit.parentId === null ? undefined : await this.unit(tenantId, unit.parentId);
    }
    return chain;
  }

  department(): Promise<Department | undefined> {
    return Promise.resolve(undefined);
  }

  departments(): Promise<readonly Department[]> {
    return Promise.resolve([]);
  }

  members(): Promise<readonly StaffMember[]> {
    return Promise.resolve([]);
  }

  person(tenantId: string, personId: string): Promise<StaffMember | undefined> {
    return Promise.resolve(this.staff(tenantId).find((p) => p.personId === personId));
  }

  holders(tenantId: string, unitId: string, role: string): Promise<readonly StaffMember[]> {
    return Promise.resolve(
      this.staff(tenantId).filter((p) => p.unitIds.includes(unitId) && p.roles.includes(role)),
    );
  }

  private staff(tenantId: string): StaffMember[] {
    return (this.tenants.get(tenantId)?.users ?? []).map((user) => ({
      personId: user.id,
      username: user.username,
      name: user.displayName,
      roles: user.roles,
      unitIds: user.branchScope,
      departmentIds: [],
      skills: [],
      languages: ['zh'],
      capacity: 20,
      onDuty: true,
    }));
  }
}

/** PROVISIONAL binding of STAFF_DIRECTORY for the host, until the directory model is merged. */
export const provisionalStaffDirectoryProvider = {
  provide: STAFF_DIRECTORY,
  useClass: ProvisionalStaffDirectory,
};
