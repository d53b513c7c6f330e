import { hasVisibleText } from '@kesu/text';
import {
  type Department,
  type LocalizedName,
  ORG_UNIT_KINDS,
  type OrgUnitKind,
  type OrgUnitRef,
  type StaffMember,
  TENANT_ROLES,
} from '@kesu/assignment-contracts';
import { type DirectoryProblem, Problems } from './directory-problems';

/*
 * Reading the records of a change — a unit, a department or a person, from a request body or a row
 * of an imported file — into the directory's shapes, naming every malformed field. Whether they fit
 * the directory (parents, references, usernames) is the plan's to check.
 */

/** What a record is about. */
export type RecordKind = 'unit' | 'department' | 'person';

/** One record of a change, as sent: its fields by their names in the directory (`parentId`, `name`). */
export interface DirectoryRecord {
  readonly kind: RecordKind;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A person as a record gives them: the fields it leaves out keep their value (or a new person's default). */
export type PersonFields = Pick<StaffMember, 'personId' | 'username' | 'name' | 'roles'> &
  Partial<Pick<StaffMember, 'unitIds' | 'departmentIds' | 'skills' | 'languages' | 'capacity' | 'onDuty'>>;

/** The largest number of complaints a person may be given to hold at once. */
export const MAX_CAPACITY = 1000;
const MAX_NAME = 100;
const MAX_LIST = 100;

const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_.@:|-]{0,127}$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
const SKILL = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Collects a record's problems while its fields are read. */
class FieldReader {
  readonly problems: DirectoryProblem[] = [];

  constructor(private readonly values: Readonly<Record<string, unknown>>) {}

  has(field: string): boolean {
    return this.values[field] !== undefined;
  }

  id(field: string, pattern = UNIT_ID): string {
    const value = this.values[field];
    if (value === undefined || value === null || value === '') this.problems.push(Problems.required(field));
    else if (typeof value !== 'string' || !pattern.test(value))
      this.problems.push(Problems.badId(field, value));
    return typeof value === 'string' ? value : '';
  }

  optionalId(field: string): string | null {
    const value = this.values[field];
    if (value === undefined || value === null || value === '') return null;
    return this.id(field);
  }

  name(field = 'name'): LocalizedName {
    const value = this.values[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problems.push(Problems.required(field));
      return { zh: '', en: '' };
    }
    const { zh, en } = value as Record<string, unknown>;
    return { zh: this.text(`${field}.zh`, zh, MAX_NAME), en: this.text(`${field}.en`, en, MAX_NAME) };
  }

  text(field: string, value: unknown, max: number): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length === 0 || text.length > max || !hasVisibleText(text)) {
      this.problems.push(Problems.notText(field, max));
      return '';
    }
    return text;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.values[field];
    if (value === undefined || value === null || value === '') this.problems.push(Problems.required(field));
    else if (!allowed.includes(value as T)) this.problems.push(Problems.notOneOf(field, value, allowed));
    return value as T;
  }

  /** A list of strings, each checked; repeats dropped. */
  list(field: string, check: (item: string) => DirectoryProblem | null): string[] {
    const value = this.values[field];
    if (!Array.isArray(value) || value.length > MAX_LIST) {
      this.problems.push(Problems.notList(field));
      return [];
    }
    const items: string[] = [];
    for (const item of value) {
      const problem = typeof item === 'string' ? check(item) : Problems.badId(field, item);
      if (problem) this.problems.push(problem);
      else if (!items.includes(item as string)) items.push(item as string);
    }
    return items;
  }

  optionalList(field: string, check: (item: string) => DirectoryProblem | null): string[] | undefined {
    return this.has(field) ? this.list(field, check) : undefined;
  }
}

const idOf =
  (field: string, pattern = UNIT_ID) =>
  (item: string) =>
    pattern.test(item) ? null : Problems.badId(field, item);

/** A unit of a record, or the problems of its fields. */
export function readUnit(values: Readonly<Record<string, unknown>>): {
  unit: OrgUnitRef;
  problems: DirectoryProblem[];
} {
  const read = new FieldReader(values);
  const unit: OrgUnitRef = {
    unitId: read.id('unitId'),
    kind: read.oneOf<OrgUnitKind>('kind', ORG_UNIT_KINDS),
    parentId: read.optionalId('parentId'),
    name: read.name(),
  };
  return { unit, problems: read.problems };
}

/** A department of a record, or the problems of its fields. */
export function readDepartment(values: Readonly<Record<string, unknown>>): {
  department: Department;
  problems: DirectoryProblem[];
} {
  const read = new FieldReader(values);
  const kind = read.optionalId('kind');
  const department: Department = {
    departmentId: read.id('departmentId'),
    unitId: read.id('unitId'),
    name: read.name(),
    ...(kind !== null && { kind }),
    headId:
      read.has('headId') && values['headId'] !== null && values['headId'] !== ''
        ? read.id('headId', PERSON_ID)
        : null,
  };
  return { department, problems: read.problems };
}

/** A person of a record (the fields it gives), or the problems of its fields. */
export function readPerson(values: Readonly<Record<string, unknown>>): {
  person: PersonFields;
  problems: DirectoryProblem[];
} {
  const read = new FieldReader(values);
  const roles = read.list('roles', (role) =>
    (TENANT_ROLES as readonly string[]).includes(role)
      ? null
      : Problems.notOneOf('roles', role, TENANT_ROLES),
  );
  if (Array.isArray(values['roles']) && values['roles'].length === 0) read.problems.push(Problems.noRole());
  const person: PersonFields = {
    personId: read.id('personId', PERSON_ID),
    username: read.id('username', USERNAME),
    name: read.name(),
    roles,
  };
  const unitIds = read.optionalList('unitIds', idOf('unitIds'));
  const departmentIds = read.optionalList('departmentIds', idOf('departmentIds'));
  const skills = read.optionalList('skills', (skill) =>
    SKILL.test(skill) && skill.length <= 64 ? null : Problems.badId('skills', skill),
  );
  const languages = read.optionalList('languages', (language) =>
    LANGUAGE.test(language) ? null : Problems.badId('languages', language),
  );
  const capacity = values['capacity'];
  if (
    capacity !== undefined &&
    !(Number.isInteger(capacity) && (capacity as number) >= 0 && (capacity as number) <= MAX_CAPACITY)
  )
    read.problems.push(Problems.badCapacity(capacity));
  const onDuty = values['onDuty'];
  if (onDuty !== undefined && typeof onDuty !== 'boolean')
    read.problems.push(Problems.notBoolean('onDuty', onDuty));
  return {
    person: {
      ...person,
      ...(unitIds && { unitIds }),
      ...(departmentIds && { departmentIds }),
      ...(skills && { skills }),
      ...(languages && { languages }),
      ...(typeof capacity === 'number' && { capacity }),
      ...(typeof onDuty === 'boolean' && { onDuty }),
    },
    problems: read.problems,
  };
}

/** Whether a username is well formed (letters, digits, `_`, `.`, `@`, `-`; at most 64). */
export const isUsername = (value: string): boolean => USERNAME.test(value);
/** Whether a person id is well formed (the `sub` of their tokens). */
export const isPersonId = (value: string): boolean => PERSON_ID.test(value);
