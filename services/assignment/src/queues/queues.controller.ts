import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, type Principal, Roles } from '@kesu/platform';
import { HANDLING_ROLES } from '../dispatch/assignment-actions';
import { ListQueueQuery, type QueuePage } from './list-queue';
import { QueueParams } from './queue.params';

/**
 * The work queues (待办): the caller's own complaints, their team's (the departments they belong
 * to) and a department's, each filtered by status, severity and branch and paged by cursor, in queue
 * order — the most severe first, then the longest waiting (by deadline once SLA exists). For the
 * people who hold complaints; within their tenant and branch scope.
 */
@Controller('api/v1/assignments/queues')
export class QueuesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('mine')
  @Roles(...HANDLING_ROLES)
  mine(@CurrentPrincipal() principal: Principal, @Query() params: QueueParams): Promise<QueuePage> {
    return this.queries.execute(new ListQueueQuery(principal, { kind: 'mine' }, params));
  }

  @Get('team')
  @Roles(...HANDLING_ROLES)
  team(@CurrentPrincipal() principal: Principal, @Query() params: QueueParams): Promise<QueuePage> {
    return this.queries.execute(new ListQueueQuery(principal, { kind: 'team' }, params));
  }

  @Get('departments/:departmentId')
  @Roles(...HANDLING_ROLES)
  department(
    @CurrentPrincipal() principal: Principal,
    @Param('departmentId') departmentId: string,
    @Query() params: QueueParams,
  ): Promise<QueuePage> {
    return this.queries.execute(new ListQueueQuery(principal, { kind: 'department', departmentId }, params));
  }
}
