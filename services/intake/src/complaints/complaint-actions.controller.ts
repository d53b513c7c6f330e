import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CurrentPrincipal, type Principal, Role, Roles, ValidationProblem } from '@kesu/platform';
import {
  AcceptComplaintDto,
  AppealRejectionDto,
  ConfirmRecordDto,
  DecideAppealDto,
  RejectComplaintDto,
  WithdrawComplaintDto,
} from './complaint-actions.dto';
import {
  type ActionOutcome,
  type ActionRequest,
  type ActionResult,
  ComplaintActions,
} from './complaint-actions.service';

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

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

interface Reply {
  header(name: string, value: string): unknown;
}

/** Intake's work actions on a registered complaint; each answers `202 { complaintId, status, revision }`. */
@Controller('api/v1/complaints/:id')
export class ComplaintActionsController {
  constructor(private readonly actions: ComplaintActions) {}

  @Post('confirmations')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  confirm(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ConfirmRecordDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.confirm(requestOf(principal, id, key), body));
  }

  @Post('accept')
  @HttpCode(202)
  @Roles(...ACCEPTANCE_ROLES)
  accept(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AcceptComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.accept(requestOf(principal, id, key), body));
  }

  @Post('reject')
  @HttpCode(202)
  @Roles(...ACCEPTANCE_ROLES)
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RejectComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.reject(requestOf(principal, id, key), body));
  }

  @Post('appeals')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  appeal(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AppealRejectionDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.appeal(requestOf(principal, id, key), body));
  }

  @Post('appeals/decision')
  @HttpCode(202)
  @Roles(...APPEAL_DECISION_ROLES)
  decideAppeal(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideAppealDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.decideAppeal(requestOf(principal, id, key), body));
  }

  @Post('withdraw')
  @HttpCode(202)
  @Roles(...FRONT_LINE_ROLES)
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: WithdrawComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ActionResult> {
    return answer(reply, this.actions.withdraw(requestOf(principal, id, key), body));
  }
}

function requestOf(principal: Principal, complaintId: string, idempotencyKey?: string): ActionRequest {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationProblem([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
    ]);
  }
  return { principal, complaintId, idempotencyKey };
}

async function answer(reply: Reply, outcome: Promise<ActionOutcome>): Promise<ActionResult> {
  const { result, replayed } = await outcome;
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return result;
}
