import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, IsInstant, type Principal, Role, Roles } from '@kesu/platform';
import { IsOptional } from 'class-validator';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { ExportAuditQuery } from './export-audit';

/** Parameters of `GET /api/v1/audit/export`: the window of `recordedAt`. */
export class AuditExportParams {
  /** Events recorded at or after this instant. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Events recorded before this instant. */
  @IsOptional()
  @IsInstant()
  to?: string;
}

/** The regulator's verifiable export of every stored event of the tenant (NDJSON, then a manifest). */
@Controller('api/v1/audit/export')
export class AuditExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(Role.regulator)
  @AccessLogged('export')
  async export(
    @Query() params: AuditExportParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const lines = await this.queries.execute(new ExportAuditQuery(principal, params));
    return new StreamableFile(Readable.from(lines), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="kesu-audit-${principal.tenantId}.ndjson"`,
    });
  }
}
