import { ForbiddenError } from '@kesu/kernel';
import { isPlatformAdmin, type Principal, Role } from '@kesu/platform';

/** Who may read a tenant's directory: its administrators, and those who assign and answer for complaints. */
export const DIRECTORY_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/** Who may set a person's duty besides the tenant's administrators and the person themselves: their managers. */
export const DUTY_MANAGERS = [Role.supervisor, Role.branchManager, Role.director];

/** 403 unless the principal administers their tenant: only a tenant's admins change its directory. */
export function assertTenantAdmin(principal: Principal): void {
  if (isPlatformAdmin(principal) || !principal.roles.includes(Role.admin))
    throw new ForbiddenError(
      'directory.admin_only',
      'Only the tenant’s administrators change its directory.',
    );
}

/** 403 unless the principal is a platform administrator: only they create tenants. */
export function assertPlatformAdmin(principal: Principal): void {
  if (!isPlatformAdmin(principal))
    throw new ForbiddenError('tenant.platform_admin_only', 'Only a platform administrator creates tenants.');
}
