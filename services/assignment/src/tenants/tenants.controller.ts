import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { TenantProfile } from '@kesu/assignment-contracts';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  type HeaderReply,
  markReplayed,
  Role,
  Roles,
} from '@kesu/platform';
import { CreateTenantCommand } from './create-tenant';
import { ListTenantsQuery, type TenantSummary } from './list-tenants';
import { CreateTenantDto } from './tenants.dto';

/**
 * The tenants of the deployment, for the platform administrator only: they create tenants (each with
 * its first administrator) and list them, and reach nothing inside any tenant.
 */
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(Role.platformAdmin)
  async create(
    @Body() body: CreateTenantDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<{ tenant: TenantProfile; revision: number }> {
    const { tenant, revision, replayed } = await this.commands.execute(new CreateTenantCommand(caller, body));
    answerRevision(reply, revision);
    markReplayed(reply, replayed);
    return { tenant, revision };
  }

  @Get()
  @Roles(Role.platformAdmin)
  list(): Promise<{ items: TenantSummary[] }> {
    return this.queries.execute(new ListTenantsQuery());
  }
}
