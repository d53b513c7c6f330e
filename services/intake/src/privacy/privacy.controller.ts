import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { ExportPersonalDataCommand, type PersonalDataExport } from './export-personal-data';
import { type ErasureRequestStatus, GetErasureRequestQuery } from './get-erasure-request';
import { AccessRequestDto, ErasureRequestDto } from './privacy.dto';
import { type ErasureRequestResult, RequestErasureCommand } from './request-erasure';

/**
 * Data subjects' rights (个人信息主体权利; PIPL arts. 45 and 47, GDPR arts. 15 and 17), exercised for
 * the person by an administrator of the tenant: erasure of their personal data, and an export of
 * every complaint about them. The person is named in the body (never in a URL, which logs keep).
 */
@Controller('api/v1/privacy')
export class PrivacyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Records and carries out an erasure: `202` with what was found and erased. */
  @Post('erasure-requests')
  @HttpCode(202)
  @Roles(Role.admin)
  async requestErasure(
    @Body() body: ErasureRequestDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ErasureRequestResult> {
    const { result, replayed } = await this.commands.execute(new RequestErasureCommand(caller, body));
    markReplayed(reply, replayed);
    reply.header('Location', `/api/v1/privacy/erasure-requests/${result.requestId}`);
    reply.header('Cache-Control', 'no-store');
    return result;
  }

  @Get('erasure-requests/:requestId')
  @Roles(Role.admin)
  erasureRequest(
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErasureRequestStatus> {
    return this.queries.execute(new GetErasureRequestQuery(principal, requestId));
  }

  /** Exports every complaint about the person as a JSON file to hand over (an attachment, never cached). */
  @Post('access-requests')
  @HttpCode(200)
  @Roles(Role.admin)
  async exportPersonalData(
    @Body() body: AccessRequestDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<PersonalDataExport> {
    const exported = await this.commands.execute(new ExportPersonalDataCommand(caller, body));
    reply.header('Content-Type', 'application/json; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="personal-data-${exported.requestId}.json"`);
    reply.header('Cache-Control', 'no-store');
    return exported;
  }
}
