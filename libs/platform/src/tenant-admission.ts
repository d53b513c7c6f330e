import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError } from '@kesu/kernel';
import type { PlatformConfig } from './config';
import { OrgDirectory, principalOfUser } from './org-directory';
import { PLATFORM_TENANT_ID, type Principal, Role } from './principal';
import { CONFIG } from './tokens';

/**
 * Who a verified token may act as, before any role is checked. A token of the platform's own tenant
 * acts as a platform administrator or not at all; a tenant's token never carries the platform
 * administrator's role. In the production profile the token's user must be a person of its tenant's
 * directory, and acts with the roles and units the directory gives them there (403 saying why
 * otherwise: the tenant is not served here, or the user is not in its directory); the demo profile
 * trusts the tokens it issued itself as they were issued.
 */
@Injectable()
export class TenantAdmission {
  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly directory: OrgDirectory,
  ) {}

  admit(principal: Principal): Principal {
    if (principal.tenantId === PLATFORM_TENANT_ID) {
      if (!principal.roles.includes(Role.platformAdmin)) {
        throw new ForbiddenError(
          'platform.not_administrator',
          `Tokens of the platform tenant "${PLATFORM_TENANT_ID}" are for platform administrators (role ${Role.platformAdmin}).`,
        );
      }
      return { ...principal, roles: [Role.platformAdmin], branchScope: [] };
    }
    const roles = principal.roles.filter((role) => role !== Role.platformAdmin);
    if (this.config.profile !== 'production')
      return roles.length === principal.roles.length ? principal : { ...principal, roles };
    if (!this.directory.tenant(principal.tenantId)) {
      throw new ForbiddenError(
        'tenant.unknown',
        `The token's tenant "${principal.tenantId}" is not served by this deployment: it has no directory here.`,
      );
    }
    const user = this.directory.user(principal.tenantId, principal.userId);
    if (!user) {
      throw new ForbiddenError(
        'user.not_in_directory',
        `The token's user "${principal.userId}" is not in the directory of tenant "${principal.tenantId}"; ` +
          `the tenant's administrator adds people to it.`,
      );
    }
    return principalOfUser(user);
  }
}
