import {
  DIRECTORY_LANGUAGES,
  type DirectoryEvent,
  type DirectoryLanguage,
  type LocalizedName,
  type TenantProfile,
} from '@kesu/assignment-contracts';
import {
  assertNever,
  type Decider,
  DomainRuleViolation,
  InvalidInputError,
  NotFoundError,
} from '@kesu/kernel';
import { IANAZone } from 'luxon';
import { type DirectoryProblem, fieldErrorOf, Problems, rejectChange } from './directory-problems';
import { type ChangeBy, planRecords, type RecordProblem } from './directory-plan';
import { type DirectoryRecord, readPerson } from './directory-records';
import { type DirectoryState, evolveDirectory, initialDirectoryState } from './directory-state';

// ---------------------------------------------------------------- commands

/** The platform administrator creates a tenant, with its first administrator. */
export interface CreateTenant extends ChangeBy {
  readonly type: 'CreateTenant';
  readonly tenant: TenantProfile;
  /** The person who will administer the tenant's directory (role admin). */
  readonly admin: { readonly personId: string; readonly username: string; readonly name: LocalizedName };
}

/** A tenant admin adds or changes one unit, department or person. */
export interface PutRecord extends ChangeBy {
  readonly type: 'PutRecord';
  readonly record: DirectoryRecord;
}

/** A tenant admin imports many records at once (an HR system's export): all or nothing. */
export interface ImportRecords extends ChangeBy {
  readonly type: 'ImportRecords';
  readonly records: readonly DirectoryRecord[];
}

export interface RemoveOrgUnit extends ChangeBy {
  readonly type: 'RemoveOrgUnit';
  readonly unitId: string;
}

export interface RemoveDepartment extends ChangeBy {
  readonly type: 'RemoveDepartment';
  readonly departmentId: string;
}

export interface RemovePerson extends ChangeBy {
  readonly type: 'RemovePerson';
  readonly personId: string;
}

/** A person goes on or off duty. */
export interface SetDuty extends ChangeBy {
  readonly type: 'SetDuty';
  readonly personId: string;
  readonly onDuty: boolean;
}

export type DirectoryCommand =
  CreateTenant | PutRecord | ImportRecords | RemoveOrgUnit | RemoveDepartment | RemovePerson | SetDuty;

/** An import with problems: every record's, and nothing recorded (400). */
export class DirectoryImportRejected extends InvalidInputError {
  constructor(readonly problems: readonly RecordProblem[]) {
    super(problems.map((p) => fieldErrorOf(p, `records.${p.record}.${p.field}`)));
  }
}

// ---------------------------------------------------------------- decide

const TENANT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** The tenant id no tenant may take: the platform administrator's own. */
export const RESERVED_TENANT_IDS: readonly string[] = ['platform'];
const MAX_REASON = 500;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * Decides a change of a tenant's directory. Every change says why (400 naming `reason` otherwise);
 * every command but the tenant's creation needs the tenant (404 before it exists); a single
 * record's problems are 400 (malformed) or 409 (a conflict with the directory); an import's are
 * every record's, 400; unknown ids are 404; removing what others rely on is 409.
 */
export function decideDirectory(command: DirectoryCommand, state: DirectoryState): DirectoryEvent[] {
  const reasonProblem = reasonProblemOf(command.reason);
  if (reasonProblem) throw new InvalidInputError([fieldErrorOf(reasonProblem)]);
  if (command.type === 'CreateTenant') return createTenant(command, state);
  const tenant = state.tenant;
  if (!tenant) throw new NotFoundError('tenant.not_found', 'The tenant has no directory.');
  const change = { tenantId: tenant.tenantId, changedBy: command.by, reason: command.reason };
  switch (command.type) {
    case 'PutRecord': {
      const plan = planRecords(state, [command.record], command);
      if (plan.problems.length > 0) rejectChange(plan.problems);
      return plan.events;
    }
    case 'ImportRecords': {
      const plan = planRecords(state, command.records, command);
      if (plan.problems.length > 0) throw new DirectoryImportRejected(plan.problems);
      return plan.events;
    }
    case 'RemoveOrgUnit':
      assertRemovableUnit(state, command.unitId);
      return [{ type: 'OrgUnitRemoved', data: { ...change, unitId: command.unitId } }];
    case 'RemoveDepartment':
      assertRemovableDepartment(state, command.departmentId);
      return [{ type: 'DepartmentRemoved', data: { ...change, departmentId: command.departmentId } }];
    case 'RemovePerson':
      assertRemovablePerson(state, command.personId);
      return [{ type: 'PersonRemoved', data: { ...change, personId: command.personId } }];
    case 'SetDuty': {
      const person = state.people.get(command.personId);
      if (!person) throw personNotFound(command.personId);
      if (person.onDuty === command.onDuty) return [];
      return [
        { type: 'PersonDutyChanged', data: { ...change, personId: person.personId, onDuty: command.onDuty } },
      ];
    }
    default:
      return assertNever(command);
  }
}

function createTenant(command: CreateTenant, state: DirectoryState): DirectoryEvent[] {
  const { tenant, admin } = command;
  const errors = [
    ...tenantProblems(tenant).map((p) => fieldErrorOf(p)),
    ...readPerson({ ...admin, roles: ['admin'] }).problems.map((p) => fieldErrorOf(p, `admin.${p.field}`)),
  ];
  if (errors.length > 0) throw new InvalidInputError(errors);
  if (state.tenant)
    throw new DomainRuleViolation('tenant.exists', `A tenant ${tenant.tenantId} exists already.`);
  const change = { tenantId: tenant.tenantId, changedBy: command.by, reason: command.reason };
  return [
    { type: 'TenantCreated', data: { ...change, tenant } },
    {
      type: 'PersonAdded',
      data: {
        ...change,
        person: {
          ...admin,
          roles: ['admin'],
          unitIds: [],
          departmentIds: [],
          skills: [],
          languages: [tenant.defaultLanguage],
          capacity: 0,
          onDuty: true,
        },
      },
    },
  ];
}

/** What is malformed in a tenant's profile. */
export function tenantProblems(tenant: TenantProfile): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  if (!TENANT_ID.test(tenant.tenantId) || RESERVED_TENANT_IDS.includes(tenant.tenantId))
    problems.push(Problems.badTenantId(tenant.tenantId));
  for (const language of DIRECTORY_LANGUAGES) {
    const text = tenant.name?.[language];
    if (typeof text !== 'string' || text.trim() === '' || text.length > 100)
      problems.push(Problems.notText(`name.${language}`, 100));
  }
  if (
    typeof tenant.timeZone !== 'string' ||
    !ZONE_NAME.test(tenant.timeZone) ||
    !IANAZone.isValidZone(tenant.timeZone)
  )
    problems.push(Problems.badTimeZone(tenant.timeZone));
  if (!DIRECTORY_LANGUAGES.includes(tenant.defaultLanguage as DirectoryLanguage))
    problems.push(Problems.notOneOf('defaultLanguage', tenant.defaultLanguage, DIRECTORY_LANGUAGES));
  return problems;
}

function reasonProblemOf(reason: unknown): DirectoryProblem | null {
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON)
    return Problems.notText('reason', MAX_REASON);
  return null;
}

// ---------------------------------------------------------------- removals

function assertRemovableUnit(state: DirectoryState, unitId: string): void {
  if (!state.units.has(unitId)) throw new NotFoundError('unit.not_found', `There is no unit ${unitId}.`);
  const below = [...state.units.values()].filter((u) => u.parentId === unitId).map((u) => u.unitId);
  if (below.length > 0)
    throw new DomainRuleViolation('unit.has_units', `Units sit under ${unitId}: ${below.join(', ')}.`);
  const departments = [...state.departments.values()].filter((d) => d.unitId === unitId);
  if (departments.length > 0)
    throw new DomainRuleViolation(
      'unit.has_departments',
      `${unitId} has departments: ${departments.map((d) => d.departmentId).join(', ')}.`,
    );
  const people = [...state.people.values()].filter((p) => p.unitIds.includes(unitId));
  if (people.length > 0)
    throw new DomainRuleViolation(
      'unit.has_people',
      `People act in ${unitId}: ${people.map((p) => p.username).join(', ')}.`,
    );
}

function assertRemovableDepartment(state: DirectoryState, departmentId: string): void {
  if (!state.departments.has(departmentId))
    throw new NotFoundError('department.not_found', `There is no department ${departmentId}.`);
  const members = [...state.people.values()].filter((p) => p.departmentIds.includes(departmentId));
  if (members.length > 0)
    throw new DomainRuleViolation(
      'department.has_people',
      `People belong to ${departmentId}: ${members.map((p) => p.username).join(', ')}.`,
    );
}

function assertRemovablePerson(state: DirectoryState, personId: string): void {
  const person = state.people.get(personId);
  if (!person) throw personNotFound(personId);
  const headed = [...state.departments.values()].filter((d) => d.headId === personId);
  if (headed.length > 0)
    throw new DomainRuleViolation(
      'person.heads_department',
      `${person.username} heads ${headed.map((d) => d.departmentId).join(', ')}: give it another head first.`,
    );
  const admins = [...state.people.values()].filter((p) => p.roles.includes('admin'));
  if (person.roles.includes('admin') && admins.length === 1)
    throw new DomainRuleViolation('tenant.last_admin', 'The tenant must keep at least one admin.');
}

const personNotFound = (personId: string) =>
  new NotFoundError('person.not_found', `There is no person ${personId}.`);

/** The decider of a tenant's directory stream (`directoryStream(tenantId)`). */
export const directoryDecider: Decider<DirectoryCommand, DirectoryEvent, DirectoryState> = {
  decide: decideDirectory,
  evolve: evolveDirectory,
  initialState: initialDirectoryState,
};
