import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TenantProfile } from '@kesu/assignment-contracts';
import { InvalidInputError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { assertPlatformAdmin } from '../directory/directory-access';
import { DirectoryChanges } from '../directory/directory-changes';
import type { CreateTenantDto } from './tenants.dto';

/** A tenant's creation: the tenant, its directory's revision, and whether it repeated a request. */
export interface TenantOutcome {
  readonly tenant: TenantProfile;
  readonly revision: number;
  readonly replayed: boolean;
}

/** A platform administrator creates a tenant with its first administrator. */
export class CreateTenantCommand extends Command<TenantOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: CreateTenantDto,
  ) {
    super();
  }
}

const TENANT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Records TenantCreated and the admin's PersonAdded as the first events of the tenant's directory
 * stream (`assignment-directory-<tenant>`): 409 when the tenant exists, 403 for anyone but a
 * platform administrator; the directory is published at once, so the admin can sign in.
 */
@CommandHandler(CreateTenantCommand)
export class CreateTenantHandler implements ICommandHandler<CreateTenantCommand> {
  constructor(private readonly changes: DirectoryChanges) {}

  async execute({ caller, body }: CreateTenantCommand): Promise<TenantOutcome> {
    const { principal } = caller;
    assertPlatformAdmin(principal);
    const { reason, admin, name, ...profile } = body;
    if (!TENANT_ID.test(profile.tenantId))
      throw new InvalidInputError([
        { field: 'tenantId', message: 'tenantId must be 2 to 63 lower-case letters, digits or "-"' },
      ]);
    const tenant = { ...profile, name: { zh: name.zh, en: name.en } };
    const firstAdmin = { ...admin, name: { zh: admin.name.zh, en: admin.name.en } };
    const outcome = await this.changes.run({
      caller,
      tenantId: tenant.tenantId,
      action: 'CreateTenant',
      input: { tenant, admin: firstAdmin, reason },
      command: () => ({ type: 'CreateTenant', tenant, admin: firstAdmin, by: principal.userId, reason }),
    });
    return { tenant: outcome.state.tenant!, revision: outcome.revision, replayed: outcome.replayed };
  }
}
