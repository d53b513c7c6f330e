import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DomainRuleViolation, NotFoundError } from '@kesu/kernel';
import {
  CONFIG,
  DEMO_ORGANISATION,
  DEMO_PLATFORM_ADMIN,
  type PlatformConfig,
  type Principal,
  principalOfUser,
} from '@kesu/platform';
import { ImportDirectoryCommand } from '../directory/import/import-directory';
import { GetDirectoryQuery } from '../directory/get-directory';
import { ChangeCaseSettingsCommand } from '../case/change-case-settings';
import { GetCaseSettingsQuery } from '../case/get-case-settings';
import { CreateTenantCommand } from './create-tenant';
import { DEMO_CASE_SETTINGS, DEMO_CASE_SETTINGS_REASON } from './demo-case-settings';

const TENANT_REASON = '演示租户 / the demo tenant';
const IMPORT_REASON = '演示租户的组织架构与人员 / the demo tenant’s organisation and people';

/**
 * In the demo profile, creates the demo tenant on first start as a platform administrator would
 * (`POST /api/v1/tenants`, the same command), then imports its org tree, departments and people
 * (`DEMO_ORGANISATION`) as its admin would import an HR export (`POST /api/v1/directory/imports`,
 * the same command) — before the process is ready, so the services that read the directory find
 * the demo users. A tenant that exists is left as it is, and a directory with units is not
 * imported again: what its admins changed since stays. The host's demo seeding waits for it
 * (`seed`) before it registers the sample complaints; a standalone assignment service (separate
 * processes of the demo profile) seeds it on its own.
 */
@Injectable()
export class DemoTenantSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoTenantSeeder.name);
  private seeding?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.profile === 'demo') await this.seed();
  }

  /** Seeds the demo tenant unless it has its organisation already (once per process). */
  seed(): Promise<void> {
    this.seeding ??= this.seedOnce().catch((error: unknown) => {
      this.seeding = undefined;
      throw error;
    });
    return this.seeding;
  }

  private async seedOnce(): Promise<void> {
    await this.seedOrganisation();
    await this.seedCaseSettings();
  }

  private async seedOrganisation(): Promise<void> {
    const { tenant, people } = DEMO_ORGANISATION;
    const existing = await this.queries
      .execute(new GetDirectoryQuery(tenant.tenantId))
      .catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
    if (existing && existing.units.length > 0) return;
    const admin = people.find((person) => person.roles.includes('admin'))!;
    if (!existing) await this.createTenant(admin);
    const principal: Principal = {
      tenantId: tenant.tenantId,
      userId: admin.personId,
      username: admin.username,
      displayName: admin.name.zh,
      roles: [...admin.roles],
      branchScope: [...admin.unitIds],
    };
    const { units, departments } = DEMO_ORGANISATION;
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

  /**
   * The demo tenant's authority limits and root causes, set as its administrator would set them
   * (`PUT /api/v1/assignments/case-settings`, the same command) while it never changed them.
   */
  private async seedCaseSettings(): Promise<void> {
    const { tenant, people } = DEMO_ORGANISATION;
    const { version } = await this.queries.execute(new GetCaseSettingsQuery(tenant.tenantId));
    if (version > 0) return;
    const admin = people.find((person) => person.roles.includes('admin'))!;
    const principal: Principal = {
      tenantId: tenant.tenantId,
      userId: admin.personId,
      username: admin.username,
      displayName: admin.name.zh,
      roles: [...admin.roles],
      branchScope: [...admin.unitIds],
    };
    const { currency, authorityLimits, rootCauses } = structuredClone(DEMO_CASE_SETTINGS);
    const body = {
      currency,
      authorityLimits: [...authorityLimits],
      rootCauses: [...rootCauses],
      reason: DEMO_CASE_SETTINGS_REASON,
    };
    const { replayed } = await this.commands.execute(
      new ChangeCaseSettingsCommand({ principal, idempotencyKey: 'demo-case-settings' }, body),
    );
    if (!replayed) this.logger.log('demo tenant given its authority limits and root causes');
  }

  private async createTenant(admin: (typeof DEMO_ORGANISATION.people)[number]): Promise<void> {
    const caller = { principal: principalOfUser(DEMO_PLATFORM_ADMIN), idempotencyKey: 'demo-tenant' };
    const { tenant } = DEMO_ORGANISATION;
    const body = {
      ...tenant,
      admin: { personId: admin.personId, username: admin.username, name: admin.name },
      reason: TENANT_REASON,
    };
    try {
      await this.commands.execute(new CreateTenantCommand(caller, body));
      this.logger.log(`demo tenant ${tenant.tenantId} created`);
    } catch (error) {
      // another replica created it at the same moment
      if (!(error instanceof DomainRuleViolation && error.code === 'tenant.exists')) throw error;
    }
  }
}
