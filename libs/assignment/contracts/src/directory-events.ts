import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { Department, LocalizedName, OrgUnitKind, OrgUnitRef, StaffMember } from './staff';

// ---------------------------------------------------------------- vocabularies

/** The languages of the product: a tenant's default, and the names every person reads. */
export const DIRECTORY_LANGUAGES = ['zh', 'en'] as const;
export type DirectoryLanguage = (typeof DIRECTORY_LANGUAGES)[number];

/** The kinds of org units, from the top. */
export const ORG_UNIT_KINDS: readonly OrgUnitKind[] = ['headquarters', 'region', 'branch', 'outlet'];

/**
 * The roles a tenant's people hold: the platform's tenant roles. The platform administrator's role
 * (`platform_admin`) is none of them: it creates tenants and acts in none.
 */
export const TENANT_ROLES = [
  'admin',
  'agent',
  'handler',
  'supervisor',
  'branch_manager',
  'director',
  'analyst',
  'regulator',
] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** A tenant as the platform administrator created it. */
export interface TenantProfile {
  /** Lower-case letters, digits and `-`, e.g. `demo`, `east-power`. */
  readonly tenantId: string;
  readonly name: LocalizedName;
  /** The IANA time zone of the tenant's dates, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  readonly defaultLanguage: DirectoryLanguage;
}

// ---------------------------------------------------------------- events

/** Who changed a tenant's directory, and why: carried by every directory event (the actor is in the envelope too). */
export interface DirectoryChange {
  readonly tenantId: string;
  /** The user (id) who made the change. */
  readonly changedBy: string;
  /** Why, as they gave it (an import's reason for each of its changes). */
  readonly reason: string;
}

/** The platform administrator created the tenant: the first event of `assignment-directory-<tenant>`. */
export interface TenantCreatedData extends DirectoryChange {
  readonly tenant: TenantProfile;
}

/** A unit joined the org tree. */
export interface OrgUnitAddedData extends DirectoryChange {
  readonly unit: OrgUnitRef;
}

/** A unit was renamed, moved under another parent or changed kind: the unit as it is now. */
export interface OrgUnitChangedData extends DirectoryChange {
  readonly unit: OrgUnitRef;
}

/** A unit without units, departments or people under it left the tree. */
export interface OrgUnitRemovedData extends DirectoryChange {
  readonly unitId: string;
}

/** A department of a unit was set up. */
export interface DepartmentAddedData extends DirectoryChange {
  readonly department: Department;
}

/** A department was renamed, moved or given another head: the department as it is now. */
export interface DepartmentChangedData extends DirectoryChange {
  readonly department: Department;
}

/** A department without people was closed. */
export interface DepartmentRemovedData extends DirectoryChange {
  readonly departmentId: string;
}

/** A person joined the directory. */
export interface PersonAddedData extends DirectoryChange {
  readonly person: StaffMember;
}

/** A person's record changed (roles, units, departments, skills, languages, capacity, duty): the record as it is now. */
export interface PersonChangedData extends DirectoryChange {
  readonly person: StaffMember;
}

/** A person left the directory: their tokens are refused from then on (production profile). */
export interface PersonRemovedData extends DirectoryChange {
  readonly personId: string;
}

/** A person went on or off duty. */
export interface PersonDutyChangedData extends DirectoryChange {
  readonly personId: string;
  readonly onDuty: boolean;
}

export type TenantCreated = DomainEvent<'TenantCreated', TenantCreatedData>;
export type OrgUnitAdded = DomainEvent<'OrgUnitAdded', OrgUnitAddedData>;
export type OrgUnitChanged = DomainEvent<'OrgUnitChanged', OrgUnitChangedData>;
export type OrgUnitRemoved = DomainEvent<'OrgUnitRemoved', OrgUnitRemovedData>;
export type DepartmentAdded = DomainEvent<'DepartmentAdded', DepartmentAddedData>;
export type DepartmentChanged = DomainEvent<'DepartmentChanged', DepartmentChangedData>;
export type DepartmentRemoved = DomainEvent<'DepartmentRemoved', DepartmentRemovedData>;
export type PersonAdded = DomainEvent<'PersonAdded', PersonAddedData>;
export type PersonChanged = DomainEvent<'PersonChanged', PersonChangedData>;
export type PersonRemoved = DomainEvent<'PersonRemoved', PersonRemovedData>;
export type PersonDutyChanged = DomainEvent<'PersonDutyChanged', PersonDutyChangedData>;

/** The events of a tenant's directory stream (`directoryStream(tenantId)`). */
export type DirectoryEvent =
  | TenantCreated
  | OrgUnitAdded
  | OrgUnitChanged
  | OrgUnitRemoved
  | DepartmentAdded
  | DepartmentChanged
  | DepartmentRemoved
  | PersonAdded
  | PersonChanged
  | PersonRemoved
  | PersonDutyChanged;

/** The event types of a tenant's directory stream, at the schema version written today. */
export const directoryEventTypes: readonly EventContract[] = [
  { type: 'TenantCreated', schemaVersion: 1, dataType: 'TenantCreatedData' },
  { type: 'OrgUnitAdded', schemaVersion: 1, dataType: 'OrgUnitAddedData' },
  { type: 'OrgUnitChanged', schemaVersion: 1, dataType: 'OrgUnitChangedData' },
  { type: 'OrgUnitRemoved', schemaVersion: 1, dataType: 'OrgUnitRemovedData' },
  { type: 'DepartmentAdded', schemaVersion: 1, dataType: 'DepartmentAddedData' },
  { type: 'DepartmentChanged', schemaVersion: 1, dataType: 'DepartmentChangedData' },
  { type: 'DepartmentRemoved', schemaVersion: 1, dataType: 'DepartmentRemovedData' },
  { type: 'PersonAdded', schemaVersion: 1, dataType: 'PersonAddedData' },
  { type: 'PersonChanged', schemaVersion: 1, dataType: 'PersonChangedData' },
  { type: 'PersonRemoved', schemaVersion: 1, dataType: 'PersonRemovedData' },
  { type: 'PersonDutyChanged', schemaVersion: 1, dataType: 'PersonDutyChangedData' },
];
