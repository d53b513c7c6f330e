import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, type Principal, uuidParam } from '@kesu/platform';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { type ComplaintHistory, GetComplaintHistoryQuery } from './get-complaint-history';
import { type HistoryVerification, VerifyComplaintHistoryQuery } from './verify-complaint-history';

/** The complete, tamper-evident history of one complaint: every event of every service. */
@Controller('api/v1/complaints/:id/history')
export class ComplaintHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AccessLogged('history')
  history(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintHistory> {
    return this.queries.execute(new GetComplaintHistoryQuery(principal, id));
  }

  @Get('verify')
  @AccessLogged('verify')
  verify(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryVerification> {
    return this.queries.execute(new VerifyComplaintHistoryQuery(principal, id));
  }
}
