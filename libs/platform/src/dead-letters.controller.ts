import { Controller, Get, Query } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { type DeadLetterPage, DeadLetters, PUBLISHED_TOPICS } from './dead-letters';
import { type Principal, Role } from './principal';
import { PageQuery } from './validation';

export class DeadLetterQuery extends PageQuery {
  @IsIn(PUBLISHED_TOPICS, { message: `topic must be one of ${PUBLISHED_TOPICS.join(', ')}` })
  topic!: string;
}

/** The messages consumers gave up on, per topic, for administrators (never the events' data). */
@Controller('api/v1/operations')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get('dead-letters')
  @Roles(Role.admin)
  list(@Query() query: DeadLetterQuery, @CurrentPrincipal() principal: Principal): Promise<DeadLetterPage> {
    return this.deadLetters.list(query.topic, principal.tenantId, {
      limit: query.limit ?? 50,
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    });
  }
}
