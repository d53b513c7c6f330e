/** A name in both languages of the product. */
export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}

/** The kinds of org units, from the top: headquarters → regions → branches → outlets (service halls). */
export type OrgUnitKind = 'headquarters' | 'region' | 'branch' | 'outlet';

/** A unit of a tenant's organisation tree. */
export interface OrgUnitRef {
  readonly unitId: string;
  readonly kind: OrgUnitKind;
  readonly parentId: string | null;
  readonly name: LocalizedName;
}

/** A department of an org unit (customer service, technical, billing …), with its head. */
export interface Department {
  readonly departmentId: string;
  readonly unitId: string;
  readonly name: LocalizedName;
  /**
   * What the department does, as a code the tenant chooses (`customer_service`, `technical`, …):
   * routing rules name departments by kind within a complaint's branch.
   */
  readonly kind?: string;
  /** The person accountable for the department's queue (alerted when nobody eligible is free). */
  readonly headId: string | null;
}

/** A person of the tenant's directory, as dispatch and escalation see them. */
export interface StaffMember {
  /** The person's id: the user id their tokens carry (`sub`). */
  readonly personId: string;
  readonly username: string;
  readonly name: LocalizedName;
  readonly roles: readonly string[];
  /** The org units they act in (their scope). */
  readonly unitIds: readonly string[];
  readonly departmentIds: readonly string[];
  /** The complaint categories they handle (classification's category codes). */
  readonly skills: readonly string[];
  /** The languages they serve customers in (`zh`, `en`, …). */
  readonly languages: readonly string[];
  /** How many open complaints they can hold at once. */
  readonly capacity: number;
  readonly onDuty: boolean;
  /** Where staff notices reach them by e-mail (optional: none on records made before it was kept). */
  readonly email?: string;
}

/**
 * The directory as dispatch and escalation read it: departments, their people, the org chain above
 * a unit, and who holds a role in a unit. Every answer is of one tenant only.
 */
export interface StaffDirectory {
  unit(tenantId: string, unitId: string): Promise<OrgUnitRef | undefined>;
  /** The unit and its ancestors up to the headquarters, nearest first; empty when unknown. */
  unitChain(tenantId: string, unitId: string): Promise<readonly OrgUnitRef[]>;
  department(tenantId: string, departmentId: string): Promise<Department | undefined>;
  /** The departments of a unit. */
  departments(tenantId: string, unitId: string): Promise<readonly Department[]>;
  /** The people of a department. */
  members(tenantId: string, departmentId: string): Promise<readonly StaffMember[]>;
  person(tenantId: string, personId: string): Promise<StaffMember | undefined>;
  /** The people holding a role in the unit itself (e.g. `branch_manager` of a branch, `director` of the headquarters). */
  holders(tenantId: string, unitId: string, role: string): Promise<readonly StaffMember[]>;
  /**
   * Catches up with the tenant's directory up to at least this revision of its stream, so that the
   * answers that follow reflect a change just read there (recorded, perhaps, by another process).
   */
  atLeast(tenantId: string, revision: number): Promise<void>;
}
