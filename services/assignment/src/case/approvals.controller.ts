import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, type Principal, Roles } from '@kesu/platform';
import { CASE_ROLES } from './case-actions';
import { type ApprovalEntry, ListApprovalsQuery } from './list-approvals';

/** The approvals inbox of the caller: proposals beyond their handlers' authority, awaiting theirs. */
@Controller('api/v1/approvals')
@Roles(...CASE_ROLES)
export class ApprovalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<{ items: ApprovalEntry[] }> {
    return this.queries.execute(new ListApprovalsQuery(principal));
  }
}
