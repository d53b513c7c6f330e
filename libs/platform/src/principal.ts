/** The authenticated caller, as named by a verified token. */
export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: string[];
  /** Org-unit ids the caller may act on; a unit covers every unit under it. */
  readonly branchScope: string[];
}

/**
 * Roles known to the platform (tokens may carry others). Every role but `platform_admin` is a role of
 * a tenant's people; the platform administrator creates tenants and acts in none (their tokens name
 * the platform's own tenant, `PLATFORM_TENANT_ID`).
 */
export const Role = {
  platformAdmin: 'platform_admin',
  admin: 'admin',
  agent: 'agent',
  handler: 'handler',
  supervisor: 'supervisor',
  branchManager: 'branch_manager',
  director: 'director',
  analyst: 'analyst',
  regulator: 'regulator',
} as const;

/** The tenant of platform administrators' tokens: no tenant's, and no tenant may take its id. */
export const PLATFORM_TENANT_ID = 'platform';

/** Whether the principal is a platform administrator: of the platform's own tenant, with its role. */
export const isPlatformAdmin = (principal: Pick<Principal, 'tenantId' | 'roles'>): boolean =>
  principal.tenantId === PLATFORM_TENANT_ID && principal.roles.includes(Role.platformAdmin);

/**
 * Reads a principal from verified JWT claims: `sub` user id, `tid` tenant, `roles`, `branches`
 * (scope), `name`, `preferred_username`. Returns null when a required claim is missing or malformed.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>): Principal | null {
  const { sub, tid, roles, branches, name, preferred_username: username } = claims;
  if (typeof sub !== 'string' || sub === '' || typeof tid !== 'string' || tid === '') return null;
  if (!isStringArray(roles) || !isStringArray(branches)) return null;
  const user = typeof username === 'string' && username !== '' ? username : sub;
  return {
    tenantId: tid,
    userId: sub,
    username: user,
    displayName: typeof name === 'string' && name !== '' ? name : user,
    roles: [...roles],
    branchScope: [...branches],
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
