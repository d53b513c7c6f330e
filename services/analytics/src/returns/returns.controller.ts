import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type RegulatorReturn, returnCsv } from '@kesu/analytics-domain';
import { CurrentPrincipal, type HeaderReply, type Principal, Role, Roles } from '@kesu/platform';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { GetRegulatorReturnQuery } from './get-regulator-return';
import { ReturnParams } from './returns.params';

/** Who reads regulator returns: regulators, analysts who prepare them, administrators and directors. */
export const RETURN_READERS = [Role.regulator, Role.analyst, Role.admin, Role.director];

/** Regulator returns per pack (`GET /api/v1/analytics/returns`), as JSON or CSV (`Accept: text/csv`). */
@Controller('api/v1/analytics/returns')
export class ReturnsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...RETURN_READERS)
  @AccessLogged('report')
  async regulatorReturn(
    @Query() params: ReturnParams,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RegulatorReturn | string> {
    const answer = await this.queries.execute(new GetRegulatorReturnQuery(principal, params));
    if (!/(^|,)\s*text\/csv/i.test(accept ?? '')) return answer;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header(
      'content-disposition',
      `attachment; filename="${answer.pack.id}-${answer.unitId}-${answer.from}-${answer.to}.csv"`,
    );
    return '\uFEFF' + returnCsv(answer, params.lang ?? 'zh-CN');
  }
}
