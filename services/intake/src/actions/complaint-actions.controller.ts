import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  answerCommand,
  type Caller,
  CurrentCaller,
  type HeaderReply,
  Role,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { AcceptComplaintCommand } from './accept-complaint';
import { AppealRejectionCommand } from './appeal-rejection';
import {
  AcceptComplaintDto,
  AppealRejectionDto,
  ConfirmRecordDto,
  DecideAppealDto,
  RejectComplaintDto,
  WithdrawComplaintDto,
} from './complaint-actions.dto';
import { ConfirmRecordCommand } from './confirm-record';
import { DecideAppealCommand } from './decide-appeal';
import type { ActionResult } from './intake-actions';
import { RejectComplaintCommand } from './reject-complaint';
import { WithdrawComplaintCommand } from './withdraw-complaint';

/** Who may work with the complainant: read the record back, take an appeal or a withdrawal. */
export const FRONT_LINE_ROLES = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];
/** Who may decide whether a complaint is accepted (受理/不予受理). */
export const ACCEPTANCE_ROLES = [
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];
/** Who may decide an appeal against a rejection: above the handler who rejected it. */
export const APPEAL_DECISION_ROLES = [Role.supervisor, Role.branchManager, Role.director, Role.admin];

/**
 * Intake's work actions on a registered complaint, each a command on the bus; each answers
 * `202 { complaintId, status, revision }` (`Idempotent-Replayed: true` when it repeats an earlier
 * request), `412` for a stale If-Match.
 */
@Controller('api/v1/complaints/:id')
export class ComplaintActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('confirmations')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  confirm(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ConfirmRecordDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new ConfirmRecordCommand(caller, id, body)));
  }

  @Post('accept')
  @HttpCode(202)
  @Roles(...ACCEPTANCE_ROLES)
  accept(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AcceptComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new AcceptComplaintCommand(caller, id, body)));
  }

  @Post('reject')
  @HttpCode(202)
  @Roles(...ACCEPTANCE_ROLES)
  reject(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RejectComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new RejectComplaintCommand(caller, id, body)));
  }

  @Post('appeals')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  appeal(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AppealRejectionDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new AppealRejectionCommand(caller, id, body)));
  }

  @Post('appeals/decision')
  @HttpCode(202)
  @Roles(...APPEAL_DECISION_ROLES)
  decideAppeal(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DecideAppealDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new DecideAppealCommand(caller, id, body)));
  }

  @Post('withdraw')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  withdraw(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: WithdrawComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ActionResult> {
    return answerCommand(reply, this.commands.execute(new WithdrawComplaintCommand(caller, id, body)));
  }
}
