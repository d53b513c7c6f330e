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
import { EscalateComplaintCommand } from './escalate-complaint';
import type { EscalationResult } from './escalation-actions';
import { EscalateComplaintDto, HandBackEscalationDto } from './escalation.dto';
import { type EscalationView, GetEscalationQuery } from './get-escalation';
import { HandBackEscalationCommand } from './hand-back-escalation';

/** Who may escalate a complaint by hand: whoever works on it, from the front line up. */
export const ESCALATION_ROLES = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];
/** Who may read a complaint's escalation: those who work on it, analysts and regulators. */
export const ESCALATION_READERS = [...ESCALATION_ROLES, Role.analyst, Role.regulator];

/**
 * A complaint's escalation up the org chain and back: each action a command on the bus answering
 * `202 { complaintId, status, revision, escalation }` (`Idempotent-Replayed: true` when it repeats an
 * earlier request); If-Match names the revision of the complaint's escalation stream (412 when stale).
 */
@Controller('api/v1/complaints/:id')
export class EscalationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('escalate')
  @HttpCode(202)
  @Roles(...ESCALATION_ROLES)
  escalate(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EscalateComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<EscalationResult> {
    return answerCommand(reply, this.commands.execute(new EscalateComplaintCommand(caller, id, body)));
  }

  /** Only the person holding the complaint hands it back (409 for anyone else). */
  @Post('escalation/hand-back')
  @HttpCode(202)
  @Roles(...ESCALATION_ROLES)
  handBack(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: HandBackEscalationDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<EscalationResult> {
    return answerCommand(reply, this.commands.execute(new HandBackEscalationCommand(caller, id, body)));
  }

  @Get('escalation')
  @Roles(...ESCALATION_READERS)
  async read(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<EscalationView> {
    const view = await this.queries.execute(new GetEscalationQuery(principal, id));
    answerRevision(reply, view.revision);
    return view;
  }
}
