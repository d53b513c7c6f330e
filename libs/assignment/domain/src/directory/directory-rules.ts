import type { Department, OrgUnitKind, OrgUnitRef, StaffMember } from '@kesu/assignment-contracts';
import { type DirectoryProblem, Problems } from './directory-problems';
import { type DirectoryState, departmentsOutsideUnits } from './directory-state';

/** The parents each kind of unit may sit under (none: it is the top). */
export const PARENT_KINDS: Readonly<Record<OrgUnitKind, readonly OrgUnitKind[]>> = {
  headquarters: [],
  region: ['headquarters'],
  branch: ['headquarters', 'region'],
  outlet: ['branch'],
};

/** The directory as a change would leave it, while the change is checked (never shared). */
export interface NextDirectory {
  readonly units: Map<string, OrgUnitRef>;
  readonly departments: Map<string, Department>;
  readonly people: Map<string, StaffMember>;
}

/**
 * What is wrong with a unit where the change puts it: a parent that does not exist or may not hold
 * its kind, a second headquarters, a cycle, or units below it that could no longer sit under it.
 */
export function checkUnits(next: NextDirectory, unit: OrgUnitRef): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const allowed = PARENT_KINDS[unit.kind];
  if (unit.parentId === null) {
    if (allowed.length > 0) problems.push(Problems.parentKind(unit.kind, null));
  } else {
    const parent = next.units.get(unit.parentId);
    if (!parent) problems.push(Problems.parentUnknown(unit.parentId));
    else if (isOwnAncestor(next.units, unit)) problems.push(Problems.cycle(unit.unitId));
    else if (!allowed.includes(parent.kind)) problems.push(Problems.parentKind(unit.kind, parent.kind));
  }
  if (unit.kind === 'headquarters') {
    const other = [...next.units.values()].find((u) => u.kind === 'headquarters' && u.unitId !== unit.unitId);
    if (other) problems.push(Problems.secondHeadquarters(other.unitId));
  }
  const misplaced = [...next.units.values()]
    .filter((child) => child.parentId === unit.unitId && !PARENT_KINDS[child.kind].includes(unit.kind))
    .map((child) => child.unitId);
  if (misplaced.length > 0) problems.push(Problems.childrenMisplaced(unit.unitId, misplaced));
  return problems;
}

function isOwnAncestor(units: ReadonlyMap<string, OrgUnitRef>, unit: OrgUnitRef): boolean {
  const seen = new Set<string>();
  let current = unit.parentId === null ? undefined : units.get(unit.parentId);
  while (current && !seen.has(current.unitId)) {
    if (current.unitId === unit.unitId) return true;
    seen.add(current.unitId);
    current = current.parentId === null ? undefined : units.get(current.parentId);
  }
  return current !== undefined;
}

/**
 * What is wrong with a person where the change puts them: a username another person has, units or
 * departments that do not exist, departments outside the units they act in.
 */
export function checkPeople(
  next: NextDirectory,
  person: StaffMember,
  holders: ReadonlyMap<string, readonly string[]>,
): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const holder = holders.get(person.username)?.find((id) => id !== person.personId);
  if (holder !== undefined) problems.push(Problems.usernameTaken(person.username, holder));
  for (const unitId of person.unitIds)
    if (!next.units.has(unitId)) problems.push(Problems.unitUnknown('unitIds', unitId));
  for (const departmentId of person.departmentIds)
    if (!next.departments.has(departmentId)) problems.push(Problems.departmentUnknown(departmentId));
  const outside = departmentsOutsideUnits(next, person);
  if (outside.length > 0) problems.push(Problems.departmentsOutside(outside));
  return problems;
}

/** Who holds each username in the directory as the change leaves it (person ids). */
export function usernameHolders(next: NextDirectory): Map<string, string[]> {
  const holders = new Map<string, string[]>();
  for (const p of next.people.values())
    holders.set(p.username, [...(holders.get(p.username) ?? []), p.personId]);
  return holders;
}

/** People whose departments lie outside their units after the change but did not before it. */
export function strandedPeople(state: DirectoryState, next: NextDirectory): StaffMember[] {
  return [...next.people.values()].filter(
    (person) => departmentsOutsideUnits(next, person).length > departmentsOutsideUnits(state, person).length,
  );
}
