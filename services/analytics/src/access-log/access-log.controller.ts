import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { CurrentPrincipal, IsInstant, PageQuery, type Principal, Role, Roles } from '@kesu/platform';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ACCESS_KINDS, type AccessEntry, type AccessKind, AccessLog } from './access-log';

/** Parameters of `GET /api/v1/audit/access-log`. */
export class AccessLogParams extends PageQuery {
  /** Reads at or after this instant. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Reads before this instant. */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** The reads of one user (their id, `sub` of their token). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  userId?: string;

  /** The reads of one complaint. */
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @IsOptional()
  @IsIn(ACCESS_KINDS)
  kind?: AccessKind;
}

/** `GET /api/v1/audit/access-log` body. */
export interface AccessLogPage {
  readonly items: ReadonlyArray<Omit<AccessEntry, '_id' | 'tenantId'> & { readonly entryId: string }>;
  readonly nextCursor: string | null;
}

/** One page of the tenant's access log, newest first. */
export class ListAccessLogQuery extends Query<AccessLogPage> {
  constructor(
    readonly principal: Principal,
    readonly params: AccessLogParams,
  ) {
    super();
  }
}

@QueryHandler(ListAccessLogQuery)
export class ListAccessLogHandler implements IQueryHandler<ListAccessLogQuery> {
  constructor(private readonly log: AccessLog) {}

  async execute({ principal, params }: ListAccessLogQuery): Promise<AccessLogPage> {
    const { limit = 50, cursor, ...filter } = params;
    const page = await this.log.list(principal.tenantId, filter, limit, cursor);
    return {
      items: page.items.map(({ _id, tenantId: _tenant, ...entry }) => ({ entryId: _id, ...entry })),
      nextCursor: page.nextCursor,
    };
  }
}

/** Who read complaint data, what, when and from where: for the tenant's administrators. */
@Controller('api/v1/audit/access-log')
export class AccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(Role.admin)
  list(
    @QueryParams() params: AccessLogParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccessLogPage> {
    return this.queries.execute(new ListAccessLogQuery(principal, params));
  }
}
