import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal } from './auth.decorators';
import { OrgDirectory } from './org-directory';
import type { Principal } from './principal';
import type { LocalizedName } from './tenant-directory';

/** The tenant of the caller, as a client shows it: names, time zone of its dates, language. */
export interface CallerTenant {
  readonly id: string;
  readonly name: LocalizedName;
  readonly timeZone: string;
  readonly defaultLanguage: 'zh' | 'en';
}

/** Who the caller is, as every service decides it: the effective roles and units, and their tenant. */
export interface CallerProfile {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly branchScope: readonly string[];
  /** null for a platform administrator, who acts in no tenant. */
  readonly tenant: CallerTenant | null;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * `GET /api/v1/me`: the caller as the services see them — in production the roles and units of the
 * tenant's directory, not the token's — with the tenant's time zone and language, which a client
 * needs before it shows a date. Every role may ask; nobody learns anything of another person.
 */
@Controller('api/v1')
export class MeController {
  constructor(private readonly directory: OrgDirectory) {}

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): CallerProfile {
    const tenant = this.directory.tenant(principal.tenantId);
    return {
      userId: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      roles: principal.roles,
      branchScope: principal.branchScope,
      tenant: tenant
        ? {
            id: tenant.tenantId,
            name: tenant.name,
            timeZone: tenant.timeZone ?? DEFAULT_TIME_ZONE,
            defaultLanguage: tenant.defaultLanguage ?? 'zh',
          }
        : null,
    };
  }
}
