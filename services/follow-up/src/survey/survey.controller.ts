import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InvalidInputError } from '@kesu/kernel';
import { Public } from '@kesu/platform';
import type { FollowUpResult } from '../follow-up-runner';
import { CustomerAnswerDto } from '../lifecycle/follow-up.dto';
import { AnswerSurveyCommand, GetSurveyQuery, type SurveyView } from './survey';

const TOKEN = /^[A-Za-z0-9_-]{64}$/;

function checked(token: string): string {
  if (!TOKEN.test(token)) throw new InvalidInputError([{ field: 'token', message: 'is not a survey link' }]);
  return token;
}

/**
 * The self-service survey (满意度调查): the link the customer got, read and answered without a login.
 * A link is signed, expires, and answers once (409 `survey.already_answered` the second time).
 */
@Controller('api/v1/surveys')
@Public()
export class SurveyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':token')
  read(@Param('token') token: string): Promise<SurveyView> {
    return this.queries.execute(new GetSurveyQuery(checked(token)));
  }

  @Post(':token')
  @HttpCode(202)
  answer(@Param('token') token: string, @Body() body: CustomerAnswerDto): Promise<FollowUpResult> {
    return this.commands.execute(new AnswerSurveyCommand(checked(token), body));
  }
}
