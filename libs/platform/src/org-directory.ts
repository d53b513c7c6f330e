import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from './principal';
import type { DirectoryUser, OrgUnit, TenantDirectory } from './tenant-directory';

/** Where something lies: the tenant it belongs to and the branch it is of. */
export interface Place {
  readonly tenantId: string;
  readonly branchId: string;
}

/** DI token of the tenants' directories an OrgDirectory holds from the start (fixtures of tests; none in production). */
export const DIRECTORY_TENANTS = Symbol('DIRECTORY_TENANTS');

/**
 * Tenants' org trees and users: who may act on which units. Every process holds every tenant's
 * directory in memory, so that scope checks are synchronous; `TenantDirectories` loads them from
 * the document store before the process is ready and keeps them current as they change.
 */
@Injectable()
export class OrgDirectory {
  private readonly tenants = new Map<string, TenantDirectory>();
  /** Per tenant, its units and users by id and its users by username. */
  private readonly indexes = new Map<string, TenantIndex>();

  constructor(@Optional() @Inject(DIRECTORY_TENANTS) tenants: readonly TenantDirectory[] = []) {
    for (const tenant of tenants) this.hold(tenant);
  }

  /**
   * Holds a tenant's directory unless the one held is further (a higher revision); answers whether
   * it was taken. A directory without a revision (a fixture) is replaced by any published one.
   */
  hold(directory: TenantDirectory): boolean {
    const held = this.tenants.get(directory.tenantId);
    if (held?.revision !== undefined && held.revision >= (directory.revision ?? -1)) return false;
    this.tenants.set(directory.tenantId, directory);
    this.indexes.set(directory.tenantId, indexOf(directory));
    return true;
  }

  /** The tenant's directory, or undefined for a tenant this deployment does not serve. */
  tenant(tenantId: string): TenantDirectory | undefined {
    return this.tenants.get(tenantId);
  }

  /** Every tenant's directory, in the order they were first held. */
  allTenants(): TenantDirectory[] {
    return [...this.tenants.values()];
  }

  /** The revision of the tenant's directory held (-1: none, or a fixture). */
  revisionOf(tenantId: string): number {
    return this.tenants.get(tenantId)?.revision ?? -1;
  }

  /** Every org unit of the tenant (empty for an unknown tenant). */
  units(tenantId: string): readonly OrgUnit[] {
    return this.tenants.get(tenantId)?.units ?? [];
  }

  unit(tenantId: string, unitId: string): OrgUnit | undefined {
    return this.indexes.get(tenantId)?.units.get(unitId);
  }

  branchExists(tenantId: string, branchId: string): boolean {
    return this.unit(tenantId, branchId)?.kind === 'branch';
  }

  /**
   * The user with this username: in the tenant named, or without one in the only tenant that has
   * them (undefined when several have).
   */
  findUser(username: string, tenantId?: string): DirectoryUser | undefined {
    if (tenantId !== undefined) return this.indexes.get(tenantId)?.usernames.get(username);
    const found = [...this.indexes.values()].flatMap((index) => index.usernames.get(username) ?? []);
    return found.length === 1 ? found[0] : undefined;
  }

  /** The user of the tenant whose id (a token's `sub`) this is. */
  user(tenantId: string, userId: string): DirectoryUser | undefined {
    return this.indexes.get(tenantId)?.users.get(userId);
  }

  /** The principal a directory user acts as (services acting for a user, demo seeding). */
  principalOf(tenantId: string, username: string): Principal {
    const user = this.findUser(username, tenantId);
    if (!user) throw new Error(`no user ${username} in tenant ${tenantId}`);
    return principalOfUser(user);
  }

  /** Whether the unit lies inside the principal's scope: it is a scope unit or below one. */
  covers(principal: Principal, unitId: string): boolean {
    const scope = new Set(principal.branchScope);
    for (const id of this.ancestry(principal.tenantId, unitId)) if (scope.has(id)) return true;
    return false;
  }

  /**
   * Whether something placed in a tenant and a branch (a complaint, an event, a plan) lies in the
   * principal's reach: their tenant, and a branch inside their scope. Reads answer 404 beyond it,
   * the answer to an unknown id, so that no answer reveals it exists.
   */
  reaches(principal: Principal, place: Place | null | undefined): place is Place {
    return !!place && place.tenantId === principal.tenantId && this.covers(principal, place.branchId);
  }

  /** The branches inside the principal's scope, in directory order. */
  branchesWithin(principal: Principal): string[] {
    return this.units(principal.tenantId)
      .filter((u) => u.kind === 'branch' && this.covers(principal, u.id))
      .map((u) => u.id);
  }

  /** The unit and its ancestors up to the root; empty when the unit is unknown. */
  private ancestry(tenantId: string, unitId: string): string[] {
    const chain: string[] = [];
    let current = this.unit(tenantId, unitId);
    while (current && !chain.includes(current.id)) {
      chain.push(current.id);
      current = current.parentId === null ? undefined : this.unit(tenantId, current.parentId);
    }
    return chain;
  }
}

/** The principal of a directory user; the display name is the Chinese one. */
export function principalOfUser(user: DirectoryUser): Principal {
  return {
    tenantId: user.tenantId,
    userId: user.id,
    username: user.username,
    displayName: user.displayName.zh,
    roles: [...user.roles],
    branchScope: [...user.branchScope],
  };
}

interface TenantIndex {
  readonly units: ReadonlyMap<string, OrgUnit>;
  readonly users: ReadonlyMap<string, DirectoryUser>;
  readonly usernames: ReadonlyMap<string, DirectoryUser>;
}

const indexOf = (directory: TenantDirectory): TenantIndex => ({
  units: new Map(directory.units.map((u) => [u.id, u])),
  users: new Map(directory.users.map((u) => [u.id, u])),
  usernames: new Map(directory.users.map((u) => [u.username, u])),
});
