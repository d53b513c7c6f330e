import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerCommand,
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  Role,
  Roles,
  uuidParam,
} from '@kesu/platform';
import type { FollowUpResult } from '../follow-up-runner';
import { CloseComplaintCommand } from './close-complaint';
import { DecideReReviewCommand } from './decide-re-review';
import {
  CloseComplaintDto,
  DecideReReviewDto,
  RecordCallbackDto,
  ReopenComplaintDto,
  RequestReReviewDto,
} from './follow-up.dto';
import { type FollowUpView, GetFollowUpQuery } from './get-follow-up';
import { RecordCallbackCommand } from './record-callback';
import { ReopenComplaintCommand, SUPERVISING_ROLES } from './reopen-complaint';
import { RequestReReviewCommand } from './request-re-review';

/** Who works on a complaint's follow-up: the front line up. */
export const FOLLOW_UP_ROLES = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];

/**
 * A complaint's follow-up: the callback's outcome (`surveys`), reopening, re-review requests and
 * decisions, a supervisor's closing — each a command on the bus answering `202 { complaintId,
 * status, revision }` (If-Match: the follow-up stream's revision; Idempotency-Key replays).
 */
@Controller('api/v1/complaints/:id')
export class FollowUpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('surveys')
  @HttpCode(202)
  @Roles(...FOLLOW_UP_ROLES)
  recordCallback(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordCallbackDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpResult> {
    return answerCommand(reply, this.commands.execute(new RecordCallbackCommand(caller, id, body)));
  }

  @Post('reopen')
  @HttpCode(202)
  @Roles(...FOLLOW_UP_ROLES)
  reopen(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReopenComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpResult> {
    return answerCommand(reply, this.commands.execute(new ReopenComplaintCommand(caller, id, body)));
  }

  @Post('review-requests')
  @HttpCode(202)
  @Roles(...FOLLOW_UP_ROLES)
  requestReReview(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RequestReReviewDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpResult> {
    return answerCommand(reply, this.commands.execute(new RequestReReviewCommand(caller, id, body)));
  }

  /** Only the assigned reviewer decides (403 for anyone else). */
  @Post('review-decision')
  @HttpCode(202)
  @Roles(...SUPERVISING_ROLES)
  decideReReview(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DecideReReviewDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpResult> {
    return answerCommand(reply, this.commands.execute(new DecideReReviewCommand(caller, id, body)));
  }

  @Post('close')
  @HttpCode(202)
  @Roles(...SUPERVISING_ROLES)
  close(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CloseComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpResult> {
    return answerCommand(reply, this.commands.execute(new CloseComplaintCommand(caller, id, body)));
  }

  @Get('follow-up')
  @Roles(...FOLLOW_UP_ROLES)
  async read(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<FollowUpView> {
    const view = await this.queries.execute(new GetFollowUpQuery(principal, id));
    answerRevision(reply, view.revision);
    return view;
  }
}
