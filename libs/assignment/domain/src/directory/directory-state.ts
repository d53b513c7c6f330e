import type {
  Department,
  DirectoryEvent,
  OrgUnitRef,
  StaffMember,
  TenantProfile,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';
import { PersistentMap } from './persistent-map';

// ---------------------------------------------------------------- state

/**
 * A tenant's directory as its stream tells it: the tenant (null before it was created), its org
 * units, departments and people, each in the order they joined.
 */
export interface DirectoryState {
  readonly tenant: TenantProfile | null;
  readonly units: PersistentMap<OrgUnitRef>;
  readonly departments: PersistentMap<Department>;
  readonly people: PersistentMap<StaffMember>;
}

export const initialDirectoryState = (): DirectoryState => ({
  tenant: null,
  units: PersistentMap.empty(),
  departments: PersistentMap.empty(),
  people: PersistentMap.empty(),
});

export function evolveDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  switch (event.type) {
    case 'TenantCreated':
      return { ...state, tenant: event.data.tenant };
    case 'OrgUnitAdded':
    case 'OrgUnitChanged':
      return { ...state, units: state.units.set(event.data.unit.unitId, event.data.unit) };
    case 'OrgUnitRemoved':
      return { ...state, units: state.units.delete(event.data.unitId) };
    case 'DepartmentAdded':
    case 'DepartmentChanged': {
      const { department } = event.data;
      return { ...state, departments: state.departments.set(department.departmentId, department) };
    }
    case 'DepartmentRemoved':
      return { ...state, departments: state.departments.delete(event.data.departmentId) };
    case 'PersonAdded':
    case 'PersonChanged':
      return { ...state, people: state.people.set(event.data.person.personId, event.data.person) };
    case 'PersonRemoved':
      return { ...state, people: state.people.delete(event.data.personId) };
    case 'PersonDutyChanged': {
      const person = state.people.get(event.data.personId);
      if (!person) return state;
      return {
        ...state,
        people: state.people.set(person.personId, { ...person, onDuty: event.data.onDuty }),
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
  state: {
    readonly units: ReadonlyMap<string, OrgUnitRef>;
    readonly departments: ReadonlyMap<string, Department>;
  },
  person: Pick<StaffMember, 'unitIds' | 'departmentIds'>,
): string[] {
  return person.departmentIds.filter((id) => {
    const department = state.departments.get(id);
    return department !== undefined && !coversUnit(state.units, person.unitIds, department.unitId);
  });
}
