import { Inject, Injectable } from '@nestjs/common';
import type {
  EscalationPolicy,
  OrgUnitKind,
  OrgUnitRef,
  StaffDirectory,
  StaffMember,
} from '@kesu/assignment-contracts';
import type { ChainHolder, ChainLevel } from '@kesu/assignment-domain';
import { STAFF_DIRECTORY } from '../staff-directory';

/** The unit kinds of the chain's levels above the department. */
const LEVEL_UNITS = [
  ['branch', 'branch'],
  ['region', 'region'],
  ['headquarters', 'headquarters'],
] as const satisfies ReadonlyArray<readonly [string, OrgUnitKind]>;

/** A person as a chain names them: the language they read is the first of theirs escalation writes in. */
export function holderOf(person: StaffMember): ChainHolder {
  const language = person.languages.find((l): l is 'zh' | 'en' => l === 'zh' || l === 'en') ?? 'zh';
  return { personId: person.personId, name: person.name, language };
}

/** Of the people holding a role, the one who takes it: on duty first, then by id (the same every time). */
export function pickHolder(people: readonly StaffMember[]): StaffMember | undefined {
  return [...people].sort(
    (a, b) => Number(b.onDuty) - Number(a.onDuty) || a.personId.localeCompare(b.personId),
  )[0];
}

/**
 * Reads the org chain above a complaint from the staff directory, as the escalation decider takes
 * it: the head of its department, then the holder of the policy's role in its branch, its region
 * and headquarters. A level whose unit the chain lacks is left out; one nobody holds has no holder.
 */
@Injectable()
export class EscalationChains {
  constructor(@Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory) {}

  async chainFor(
    tenantId: string,
    branchId: string,
    departmentId: string | null,
    policy: EscalationPolicy,
  ): Promise<ChainLevel[]> {
    const units = await this.directory.unitChain(tenantId, branchId);
    const levels: ChainLevel[] = [await this.departmentLevel(tenantId, branchId, departmentId)];
    for (const [level, kind] of LEVEL_UNITS) {
      const unit = units.find((u) => u.kind === kind);
      if (!unit) continue;
      const holder = pickHolder(
        await this.directory.holders(tenantId, unit.unitId, policy.levelRoles[level]),
      );
      levels.push({ level, unitId: unit.unitId, holder: holder ? holderOf(holder) : null });
    }
    return levels;
  }

  /** The unit and the units above it, nearest first. */
  unitsAbove(tenantId: string, unitId: string): Promise<readonly OrgUnitRef[]> {
    return this.directory.unitChain(tenantId, unitId);
  }

  /** The unit of a kind at or above a unit (the unit itself when it is of that kind). */
  async unitAbove(tenantId: string, unitId: string, kind: OrgUnitKind): Promise<OrgUnitRef | undefined> {
    return (await this.directory.unitChain(tenantId, unitId)).find((u) => u.kind === kind);
  }

  /** Who holds a role in a unit (the one who takes it). */
  async holderIn(tenantId: string, unitId: string, role: string): Promise<ChainHolder | null> {
    const holder = pickHolder(await this.directory.holders(tenantId, unitId, role));
    return holder ? holderOf(holder) : null;
  }

  /** A person of the tenant's directory as a chain names them, if they are in it. */
  async person(tenantId: string, personId: string): Promise<ChainHolder | null> {
    const person = await this.directory.person(tenantId, personId);
    return person ? holderOf(person) : null;
  }

  private async departmentLevel(
    tenantId: string,
    branchId: string,
    departmentId: string | null,
  ): Promise<ChainLevel> {
    const department = departmentId ? await this.directory.department(tenantId, departmentId) : undefined;
    const head = department?.headId ? await this.directory.person(tenantId, department.headId) : undefined;
    return {
      level: 'department',
      unitId: department?.departmentId ?? branchId,
      holder: head ? holderOf(head) : null,
    };
  }
}
