import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type LocalizedName, OrgDirectory } from '@kesu/platform';

/** A tenant as the platform administrator sees it: its profile and size, none of its people. */
export interface TenantSummary {
  readonly tenantId: string;
  readonly name: LocalizedName;
  readonly timeZone?: string;
  readonly defaultLanguage?: 'zh' | 'en';
  readonly units: number;
  readonly people: number;
}

/** The tenants this deployment serves. */
export class ListTenantsQuery extends Query<{ items: TenantSummary[] }> {}

@QueryHandler(ListTenantsQuery)
export class ListTenantsHandler implements IQueryHandler<ListTenantsQuery> {
  constructor(private readonly directory: OrgDirectory) {}

  execute(): Promise<{ items: TenantSummary[] }> {
    const items = this.directory.allTenants().map((tenant) => ({
      tenantId: tenant.tenantId,
      name: tenant.name,
      ...(tenant.timeZone !== undefined && { timeZone: tenant.timeZone }),
      ...(tenant.defaultLanguage !== undefined && { defaultLanguage: tenant.defaultLanguage }),
      units: tenant.units.length,
      people: tenant.users.length,
    }));
    return Promise.resolve({ items });
  }
}
