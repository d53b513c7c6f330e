import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, type HeaderReply, type Principal, uuidParam } from '@kesu/platform';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { ComplaintListParams, ComplaintViewParams } from './complaint-view.params';
import type { ComplaintPage, ComplaintResponse } from './complaint-view.response';
import { GetComplaintQuery } from './get-complaint';
import { ListComplaintsQuery } from './list-complaints';

/**
 * The complaint views: the list and one complaint, each a query on the bus. One complaint answers
 * with an ETag naming the revision of its intake stream (`W/"3"`), which intake's work actions take
 * back as If-Match (412 when the complaint has moved on since).
 */
@Controller('api/v1/complaints')
export class ComplaintViewController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AccessLogged('list')
  list(
    @Query() params: ComplaintListParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintPage> {
    return this.queries.execute(new ListComplaintsQuery(principal, params));
  }

  @Get(':id')
  @AccessLogged('view')
  async view(
    @Param('id', uuidParam('id')) id: string,
    @Query() params: ComplaintViewParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ComplaintResponse> {
    const { complaint, intakeRevision } = await this.queries.execute(
      new GetComplaintQuery(principal, id, params.asOf),
    );
    if (intakeRevision !== null) reply.header('ETag', `W/"${intakeRevision}"`);
    return complaint;
  }
}
