import { Injectable } from '@nestjs/common';
import type { Department, OrgUnitRef, StaffDirectory, StaffMember } from '@kesu/assignment-contracts';
import { unitChain } from '@kesu/assignment-domain';
import { DirectoryStates } from './directory-states';

/**
 * The `StaffDirectory` dispatch and escalation read people through, over the tenants' directories
 * as this process knows them (`DirectoryStates`: a change made here at once, elsewhere within a
 * second). Every answer is of the one tenant asked about.
 */
@Injectable()
export class DirectoryStaff implements StaffDirectory {
  constructor(private readonly states: DirectoryStates) {}

  async unit(tenantId: string, unitId: string): Promise<OrgUnitRef | undefined> {
    return (await this.stateOf(tenantId)).units.get(unitId);
  }

  async unitChain(tenantId: string, unitId: string): Promise<readonly OrgUnitRef[]> {
    return unitChain((await this.stateOf(tenantId)).units, unitId);
  }

  async department(tenantId: string, departmentId: string): Promise<Department | undefined> {
    return (await this.stateOf(tenantId)).departments.get(departmentId);
  }

  async departments(tenantId: string, unitId: string): Promise<readonly Department[]> {
    return [...(await this.stateOf(tenantId)).departments.values()].filter((d) => d.unitId === unitId);
  }

  async members(tenantId: string, departmentId: string): Promise<readonly StaffMember[]> {
    return [...(await this.stateOf(tenantId)).people.values()].filter((p) =>
      p.departmentIds.includes(departmentId),
    );
  }

  async person(tenantId: string, personId: string): Promise<StaffMember | undefined> {
    return (await this.stateOf(tenantId)).people.get(personId);
  }

  async holders(tenantId: string, unitId: string, role: string): Promise<readonly StaffMember[]> {
    return [...(await this.stateOf(tenantId)).people.values()].filter(
      (p) => p.roles.includes(role) && p.unitIds.includes(unitId),
    );
  }

  async atLeast(tenantId: string, revision: number): Promise<void> {
    if ((await this.states.current(tenantId)).revision < revision)
      await this.states.current(tenantId, { fresh: true });
  }

  private async stateOf(tenantId: string) {
    return (await this.states.current(tenantId)).state;
  }
}
