import type {
  Department,
  DirectoryEvent,
  OrgUnitRef,
  StaffMember,
  TenantProfile,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- state

/**
 * A tenant's directory as its stream tells it: the tenant (null before it was created), its org
 * units, departments and people, each in the order they joined.
 */
export interface DirectoryState {
  readonly tenant: TenantProfile | null;
  readonly units: ReadonlyMap<string, OrgUnitRef>;
  readonly departments: ReadonlyMap<string, Department>;
  readonly people: ReadonlyMap<string, StaffMember>;
}

export const initialDirectoryState = (): DirectoryState => ({
  tenant: null,
  units: new Map(),
  departments: new Map(),
  people: new Map(),
});

const withEntry = <T>(map: ReadonlyMap<string, T>, id: string, value: T): ReadonlyMap<string, T> =>
  new Map(map).set(id, value);

const withoutEntry = <T>(map: ReadonlyMap<string, T>, id: string): ReadonlyMap<string, T> => {
  const next = new Map(map);
  next.delete(id);
  return next;
};

export function evolveDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  switch (event.type) {
    case 'TenantCreated':
      return { ...state, tenant: event.data.tenant };
    case 'OrgUnitAdded':
    case 'OrgUnitChanged':
      return { ...state, units: withEntry(state.units, event.data.unit.unitId, event.data.unit) };
    case 'OrgUnitRemoved':
      return { ...state, units: withoutEntry(state.units, event.data.unitId) };
    case 'DepartmentAdded':
    case 'DepartmentChanged': {
      const { department } = event.data;
      return { ...state, departments: withEntry(state.departments, department.departmentId, department) };
    }
    case 'DepartmentRemoved':
      return { ...state, departments: withoutEntry(state.departments, event.data.departmentId) };
    case 'PersonAdded':
    case 'PersonChanged':
      return { ...state, people: withEntry(state.people, event.data.person.personId, event.data.person) };
    case 'PersonRemoved':
      return { ...state, people: withoutEntry(state.people, event.data.personId) };
    case 'PersonDutyChanged': {
      const person = state.people.get(event.data.personId);
      if (!person) return state;
      return {
        ...state,
        people: withEntry(state.people, person.personId, { ...person, onDuty: event.data.onDuty }),
      };
    }
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- the tree

/** The unit and its ancestors up to the top, nearest first; empty when the unit is unknown. */
export function unitChain(units: ReadonlyMap<string, OrgUnitRef>, unitId: string): OrgUnitRef[] {
  const chain: OrgUnitRef[] = [];
  let current = units.get(unitId);
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = current.parentId === null ? undefined : units.get(current.parentId);
  }
  return chain;
}

/** Whether `unitId` is one of `scope` or lies below one of them. */
export function coversUnit(
  units: ReadonlyMap<string, OrgUnitRef>,
  scope: readonly string[],
  unitId: string,
): boolean {
  return unitChain(units, unitId).some((unit) => scope.includes(unit.unitId));
}

/** The departments a person belongs to that lie outside the units they act in. */
export function departmentsOutsideUnits(
  state: Pick<DirectoryState, 'units' | 'departments'>,
  person: Pick<StaffMember, 'unitIds' | 'departmentIds'>,
): string[] {
  return person.departmentIds.filter((id) => {
    const department = state.departments.get(id);
    return department !== undefined && !coversUnit(state.units, person.unitIds, department.unitId);
  });
}
