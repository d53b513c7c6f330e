import { Inject, Injectable, Optional } from '@nestjs/common';
import { DEMO_DIRECTORY, type DirectoryUser, type OrgUnit, type TenantDirectory } from './demo-directory';
import type { Principal } from './principal';

/** DI token of the tenants an OrgDirectory serves (default: the demo tenant). */
export const DIRECTORY_TENANTS = Symbol('DIRECTORY_TENANTS');

/** Tenants' org trees and users: who may act on which branch. */
@Injectable()
export class OrgDirectory {
  private readonly tenants: ReadonlyMap<string, TenantDirectory>;

  constructor(@Optional() @Inject(DIRECTORY_TENANTS) tenants: readonly TenantDirectory[] = [DEMO_DIRECTORY]) {
    this.tenants = new Map(tenants.map((t) => [t.tenantId, t]));
  }

  /** Every org unit of the tenant (empty for an unknown tenant). */
  units(tenantId: string): readonly OrgUnit[] {
    return this.tenants.get(tenantId)?.units ?? [];
  }

  unit(tenantId: string, unitId: string): OrgUnit | undefined {
    return this.units(tenantId).find((u) => u.id === unitId);
  }

  branchExists(tenantId: string, branchId: string): boolean {
    return this.unit(tenantId, branchId)?.kind === 'branch';
  }

  /** The user with this username in any tenant. */
  findUser(username: string): DirectoryUser | undefined {
    for (const tenant of this.tenants.values()) {
      const found = tenant.users.find((u) => u.username === username);
      if (found) return found;
    }
    return undefined;
  }

  /** The principal a directory user acts as (services acting for a user, demo seeding). */
  principalOf(tenantId: string, username: string): Principal {
    const user = this.tenants.get(tenantId)?.users.find((u) => u.username === username);
    if (!user) throw new Error(`no user ${username} in tenant ${tenantId}`);
    return principalOfUser(user);
  }

  /** Whether the unit lies inside the principal's scope: it is a scope unit or below one. */
  covers(principal: Principal, unitId: string): boolean {
    const scope = new Set(principal.branchScope);
    for (const id of this.ancestry(principal.tenantId, unitId)) if (scope.has(id)) return true;
    return false;
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
