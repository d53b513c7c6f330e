import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  answerCommand,
  type Caller,
  CurrentCaller,
  type HeaderReply,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { AcceptAssignmentCommand } from './accept-assignment';
import { type AssignmentActionResult, HANDLING_ROLES, SUPERVISOR_ROLES } from './assignment-actions';
import {
  AcceptAssignmentDto,
  AssignComplaintDto,
  ReturnAssignmentDto,
  TransferComplaintDto,
} from './assignment-actions.dto';
import { ReassignComplaintCommand } from './reassign-complaint';
import { ReturnAssignmentCommand } from './return-assignment';
import { TransferComplaintCommand } from './transfer-complaint';

/**
 * The case holder's actions on a complaint's assignment, each a command on the bus: the assignee
 * accepts or returns it (`assignment/accept`, `assignment/return`: `accept` alone is intake's
 * acceptance, 受理), the holder or a supervisor transfers it, a supervisor assigns it to a named
 * person. Each answers `202 { complaintId, status, revision }` — dispatch's status and the revision of
 * the complaint's assignment stream, what the next If-Match names — with `Idempotent-Replayed: true`
 * when it repeats an earlier request.
 */
@Controller('api/v1/complaints/:id')
export class AssignmentActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('assignment/accept')
  @HttpCode(202)
  @Roles(...HANDLING_ROLES)
  accept(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AcceptAssignmentDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<AssignmentActionResult> {
    return answerCommand(reply, this.commands.execute(new AcceptAssignmentCommand(caller, id, body)));
  }

  @Post('assignment/return')
  @HttpCode(202)
  @Roles(...HANDLING_ROLES)
  giveBack(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReturnAssignmentDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<AssignmentActionResult> {
    return answerCommand(reply, this.commands.execute(new ReturnAssignmentCommand(caller, id, body)));
  }

  @Post('transfer')
  @HttpCode(202)
  @Roles(...HANDLING_ROLES)
  transfer(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: TransferComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<AssignmentActionResult> {
    return answerCommand(reply, this.commands.execute(new TransferComplaintCommand(caller, id, body)));
  }

  @Post('assign')
  @HttpCode(202)
  @Roles(...SUPERVISOR_ROLES)
  assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<AssignmentActionResult> {
    return answerCommand(reply, this.commands.execute(new ReassignComplaintCommand(caller, id, body)));
  }
}
