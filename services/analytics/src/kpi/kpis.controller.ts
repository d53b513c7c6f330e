import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, type Principal, Role, Roles } from '@kesu/platform';
import { AccessLogged } from '../access-log/access-logged.interceptor';
import { GetKpisQuery, type KpiAnswer } from './get-kpis';
import { KpiParams } from './kpi.params';

/** The roles that read KPIs: those who look across complaints. */
export const KPI_READERS = [
  Role.analyst,
  Role.regulator,
  Role.admin,
  Role.director,
  Role.branchManager,
  Role.supervisor,
];

/** KPIs over the rollups (`GET /api/v1/analytics/kpis`). */
@Controller('api/v1/analytics/kpis')
export class KpisController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...KPI_READERS)
  @AccessLogged('kpis')
  kpis(@Query() params: KpiParams, @CurrentPrincipal() principal: Principal): Promise<KpiAnswer> {
    return this.queries.execute(new GetKpisQuery(principal, params));
  }
}
