import type { Department, DirectoryEvent, OrgUnitRef, StaffMember } from '@kesu/assignment-contracts';
import { canonicalJson } from '@kesu/kernel';
import { type DirectoryProblem, Problems } from './directory-problems';
import {
  type DirectoryRecord,
  type PersonFields,
  readDepartment,
  readPerson,
  readUnit,
} from './directory-records';
import { type DirectoryState, departmentsOutsideUnits, unitChain } from './directory-state';
import {
  checkPeople,
  checkUnits,
  type NextDirectory,
  strandedPeople,
  usernameHolders,
} from './directory-rules';

/** Who changes the directory and why: the envelope of every event a change records. */
export interface ChangeBy {
  readonly by: string;
  readonly reason: string;
}

/** A problem of one record of a change (`record`: its index among the change's records). */
export interface RecordProblem extends DirectoryProblem {
  readonly record: number;
}

/** How many records a change adds, changes, or leaves as they were. */
export interface PlanSummary {
  readonly unitsAdded: number;
  readonly unitsChanged: number;
  readonly departmentsAdded: number;
  readonly departmentsChanged: number;
  readonly peopleAdded: number;
  readonly peopleChanged: number;
  readonly unchanged: number;
}

/** What applying records to a directory would record: its events, or every problem of every record (and no event). */
export interface DirectoryPlan {
  readonly events: DirectoryEvent[];
  readonly problems: RecordProblem[];
  readonly summary: PlanSummary;
}

/** The capacity of a person whose record never named one. */
export const DEFAULT_CAPACITY = 10;

interface Placed<T> {
  readonly record: number;
  readonly value: T;
}

/**
 * Applies records (units, departments, people; in any order, parents after their children if need
 * be) to the directory, all or nothing: each record is read, then checked against the directory as
 * it would stand with every record applied — parents and their kinds, one headquarters, no cycle,
 * references to units, departments and heads, usernames unique, each person's departments within
 * their units, at least one admin. With any problem, nothing is recorded. A record equal to what the
 * directory holds records nothing, so applying the same records twice records nothing the second time.
 */
export function planRecords(
  state: DirectoryState,
  records: readonly DirectoryRecord[],
  change: ChangeBy,
): DirectoryPlan {
  const problems: RecordProblem[] = [];
  const report = (record: number, found: readonly DirectoryProblem[]) =>
    problems.push(...found.map((p) => ({ ...p, record })));
  const next: NextDirectory = {
    units: new Map(state.units),
    departments: new Map(state.departments),
    people: new Map(state.people),
  };
  const units: Placed<OrgUnitRef>[] = [];
  const departments: Placed<Department>[] = [];
  const people: Placed<StaffMember>[] = [];
  const seen = { unit: new Set<string>(), department: new Set<string>(), person: new Set<string>() };
  const usernames = new Set<string>();
  for (const [record, { kind, values }] of records.entries()) {
    if (kind === 'unit') {
      const { unit, problems: found } = readUnit(values);
      if (found.length > 0) report(record, found);
      else if (seen.unit.has(unit.unitId)) report(record, [Problems.duplicateRecord('unitId', unit.unitId)]);
      else {
        seen.unit.add(unit.unitId);
        units.push({ record, value: unit });
        next.units.set(unit.unitId, unit);
      }
    } else if (kind === 'department') {
      const { department, problems: found } = readDepartment(values);
      if (found.length > 0) report(record, found);
      else if (seen.department.has(department.departmentId))
        report(record, [Problems.duplicateRecord('departmentId', department.departmentId)]);
      else {
        seen.department.add(department.departmentId);
        departments.push({ record, value: department });
        next.departments.set(department.departmentId, department);
      }
    } else {
      const { person: fields, problems: found } = readPerson(values);
      if (found.length > 0) report(record, found);
      else if (seen.person.has(fields.personId))
        report(record, [Problems.duplicateRecord('personId', fields.personId)]);
      else if (usernames.has(fields.username)) report(record, [Problems.duplicateUsername(fields.username)]);
      else {
        seen.person.add(fields.personId);
        usernames.add(fields.username);
        const person = personAfter(state, fields);
        people.push({ record, value: person });
        next.people.set(person.personId, person);
      }
    }
  }
  for (const { record, value } of units) report(record, checkUnits(next, value));
  for (const { record, value } of departments) {
    const found: DirectoryProblem[] = [];
    if (!next.units.has(value.unitId)) found.push(Problems.unitUnknown('unitId', value.unitId));
    if (value.headId !== null && !next.people.has(value.headId))
      found.push(Problems.headUnknown(value.headId));
    report(record, found);
  }
  const holders = usernameHolders(next);
  for (const { record, value } of people) report(record, checkPeople(next, value, holders));
  reportStranded(state, next, { units, departments, people }, report);
  reportLastAdmin(state, next, people, report);
  if (problems.length > 0) return { events: [], problems, summary: EMPTY_SUMMARY };
  return eventsOf(state, next, { units, departments, people }, change);
}

const EMPTY_SUMMARY: PlanSummary = {
  unitsAdded: 0,
  unitsChanged: 0,
  departmentsAdded: 0,
  departmentsChanged: 0,
  peopleAdded: 0,
  peopleChanged: 0,
  unchanged: 0,
};

/** The person a record leaves: the fields it gives over those they had, or a new person's defaults. */
function personAfter(state: DirectoryState, fields: PersonFields): StaffMember {
  const before = state.people.get(fields.personId);
  return {
    personId: fields.personId,
    username: fields.username,
    name: fields.name,
    roles: fields.roles,
    unitIds: fields.unitIds ?? before?.unitIds ?? [],
    departmentIds: fields.departmentIds ?? before?.departmentIds ?? [],
    skills: fields.skills ?? before?.skills ?? [],
    languages: fields.languages ?? before?.languages ?? [state.tenant?.defaultLanguage ?? 'zh'],
    capacity: fields.capacity ?? before?.capacity ?? DEFAULT_CAPACITY,
    onDuty: fields.onDuty ?? before?.onDuty ?? true,
  };
}

type Report = (record: number, found: readonly DirectoryProblem[]) => void;

interface PlacedRecords {
  readonly units: readonly Placed<OrgUnitRef>[];
  readonly departments: readonly Placed<Department>[];
  readonly people: readonly Placed<StaffMember>[];
}

/**
 * People the change does not name whose departments would fall outside their units — because a
 * department moved or a unit moved — reported on the records that moved them.
 */
function reportStranded(
  state: DirectoryState,
  next: NextDirectory,
  placed: PlacedRecords,
  report: Report,
): void {
  const movedDepartments = placed.departments.filter(
    ({ value }) => (state.departments.get(value.departmentId)?.unitId ?? value.unitId) !== value.unitId,
  );
  const movedUnits = placed.units.filter(
    ({ value }) => (state.units.get(value.unitId)?.parentId ?? value.parentId) !== value.parentId,
  );
  if (movedDepartments.length === 0 && movedUnits.length === 0) return;
  const named = new Set(placed.people.map(({ value }) => value.personId));
  const stranded = strandedPeople(state, next).filter((person) => !named.has(person.personId));
  for (const { record, value } of movedDepartments) {
    const members = stranded.filter((p) => departmentsOutsideUnits(next, p).includes(value.departmentId));
    if (members.length > 0)
      report(record, [
        Problems.strandsPeople(
          'unitId',
          members.map((p) => p.username),
        ),
      ]);
  }
  for (const { record, value } of movedUnits) {
    const below = stranded.filter((p) =>
      departmentsOutsideUnits(next, p).some((id) =>
        unitChain(next.units, next.departments.get(id)!.unitId).some((u) => u.unitId === value.unitId),
      ),
    );
    if (below.length > 0)
      report(record, [
        Problems.strandsPeople(
          'parentId',
          below.map((p) => p.username),
        ),
      ]);
  }
}

/** A change that would leave the tenant without an admin is reported on the records that take the role away. */
function reportLastAdmin(
  state: DirectoryState,
  next: NextDirectory,
  people: readonly Placed<StaffMember>[],
  report: Report,
): void {
  if (people.length === 0 || [...next.people.values()].some((p) => p.roles.includes('admin'))) return;
  for (const { record, value } of people)
    if (state.people.get(value.personId)?.roles.includes('admin')) report(record, [Problems.lastAdmin()]);
}

/** The events of a change without problems: units from the top down, then departments, then people. */
function eventsOf(
  state: DirectoryState,
  next: NextDirectory,
  placed: PlacedRecords,
  { by, reason }: ChangeBy,
): DirectoryPlan {
  const tenantId = state.tenant!.tenantId;
  const change = { tenantId, changedBy: by, reason };
  const events: DirectoryEvent[] = [];
  const counts = { ...EMPTY_SUMMARY };
  const depth = (unit: OrgUnitRef) => unitChain(next.units, unit.unitId).length;
  const units = [...placed.units].sort((a, b) => depth(a.value) - depth(b.value));
  for (const { value: unit } of units) {
    const before = state.units.get(unit.unitId);
    if (!before) {
      events.push({ type: 'OrgUnitAdded', data: { ...change, unit } });
      counts.unitsAdded++;
    } else if (!same(before, unit)) {
      events.push({ type: 'OrgUnitChanged', data: { ...change, unit } });
      counts.unitsChanged++;
    } else counts.unchanged++;
  }
  for (const { value: department } of placed.departments) {
    const before = state.departments.get(department.departmentId);
    if (!before) {
      events.push({ type: 'DepartmentAdded', data: { ...change, department } });
      counts.departmentsAdded++;
    } else if (!same(before, department)) {
      events.push({ type: 'DepartmentChanged', data: { ...change, department } });
      counts.departmentsChanged++;
    } else counts.unchanged++;
  }
  for (const { value: person } of placed.people) {
    const before = state.people.get(person.personId);
    if (!before) {
      events.push({ type: 'PersonAdded', data: { ...change, person } });
      counts.peopleAdded++;
    } else if (!same(before, person)) {
      events.push({ type: 'PersonChanged', data: { ...change, person } });
      counts.peopleChanged++;
    } else counts.unchanged++;
  }
  return { events, problems: [], summary: counts };
}

const same = (a: object, b: object): boolean => canonicalJson(a) === canonicalJson(b);
