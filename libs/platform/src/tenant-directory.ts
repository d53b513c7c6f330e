/** A localised name. */
export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}

/** The kinds of org units, from the top: headquarters → regions → branches → outlets (service halls). */
export type OrgUnitKind = 'headquarters' | 'region' | 'branch' | 'outlet';

/** A unit of a tenant's organisation. */
export interface OrgUnit {
  readonly id: string;
  readonly kind: OrgUnitKind;
  readonly parentId: string | null;
  readonly name: LocalizedName;
}

/** A user of the directory; `branchScope` lists the org units the user may act on. */
export interface DirectoryUser {
  readonly id: string;
  readonly username: string;
  readonly tenantId: string;
  readonly displayName: LocalizedName;
  readonly roles: readonly string[];
  readonly branchScope: readonly string[];
  /** Where staff notices reach them by e-mail (none: they see them in the application). */
  readonly email?: string;
}

/**
 * A tenant's directory as the platform reads it: who may act on which units. The service that
 * owns the tenants' organisations (assignment) publishes one per tenant after every change
 * (`TenantDirectories.publish`); every process holds them all in memory for its synchronous checks.
 */
export interface TenantDirectory {
  readonly tenantId: string;
  readonly name: LocalizedName;
  /** The IANA time zone of the tenant's dates. */
  readonly timeZone?: string;
  readonly defaultLanguage?: 'zh' | 'en';
  /**
   * How far the directory is: the revision of the tenant's directory stream it was built at. A
   * directory of a higher revision replaces one of a lower; a fixture without one is replaced by
   * any published directory.
   */
  readonly revision?: number;
  readonly units: readonly OrgUnit[];
  readonly users: readonly DirectoryUser[];
}
