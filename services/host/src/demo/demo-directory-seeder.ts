import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateTenantCommand, GetDirectoryQuery, ImportDirectoryCommand } from '@kesu/assignment';
import { NotFoundError } from '@kesu/kernel';
import { DEMO_ORGANISATION, DEMO_PLATFORM_ADMIN, type Principal, principalOfUser } from '@kesu/platform';

const TENANT_REASON = '演示租户 / the demo tenant';
const IMPORT_REASON = '演示租户的组织架构与人员 / the demo tenant’s organisation and people';

/**
 * Creates the demo tenant on first start as a platform administrator would (`POST /api/v1/tenants`,
 * the same command), then imports its org tree, departments and people as its admin would import
 * an HR export (`POST /api/v1/directory/imports`, the same command). A tenant that exists is left
 * as it is, and a directory with units is not imported again: what its admins changed since stays.
 */
@Injectable()
export class DemoDirectorySeeder {
  private readonly logger = new Logger(DemoDirectorySeeder.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async seed(): Promise<void> {
    const { tenant, units, departments, people } = DEMO_ORGANISATION;
    const existing = await this.queries
      .execute(new GetDirectoryQuery(tenant.tenantId))
      .catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
    if (existing && existing.units.length > 0) return;
    const admin = people.find((person) => person.roles.includes('admin'))!;
    if (!existing) {
      const caller = { principal: principalOfUser(DEMO_PLATFORM_ADMIN), idempotencyKey: 'demo-tenant' };
      await this.commands.execute(
        new CreateTenantCommand(caller, {
          ...tenant,
          admin: { personId: admin.personId, username: admin.username, name: admin.name },
          reason: TENANT_REASON,
        }),
      );
      this.logger.log(`demo tenant ${tenant.tenantId} created`);
    }
    const principal: Principal = {
      tenantId: tenant.tenantId,
      userId: admin.personId,
      username: admin.username,
      displayName: admin.name.zh,
      roles: [...admin.roles],
      branchScope: [...admin.unitIds],
    };
    const json = { units, departments, people } as unknown as Record<string, unknown>;
    const { summary } = await this.commands.execute(
      new ImportDirectoryCommand(
        { principal, idempotencyKey: 'demo-directory' },
        { reason: IMPORT_REASON, json },
      ),
    );
    this.logger.log(
      `demo tenant given ${summary.unitsAdded} units, ${summary.departmentsAdded} departments and ${summary.peopleAdded} people`,
    );
  }
}
