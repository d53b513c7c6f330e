import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  type Caller,
  CurrentCaller,
  type HeaderReply,
  markReplayed,
  Role,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { type ReclassificationResult, ReclassifyComplaintCommand } from './reclassify-complaint';
import { ReclassifyComplaintDto } from './reclassify.dto';

/** Who may correct a classification. */
export const RECLASSIFICATION_ROLES = [
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];

@Controller('api/v1/complaints/:id')
export class ReclassificationController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * A handler's correction: `202 { complaintId, status, revision }`. A retry with the same
   * Idempotency-Key answers the same with `Idempotent-Replayed: true`; with another body, 422; an
   * If-Match naming an earlier revision of the classification, 412.
   */
  @Post('classify')
  @HttpCode(202)
  @Roles(...RECLASSIFICATION_ROLES)
  async classify(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReclassifyComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ReclassificationResult> {
    const { result, replayed } = await this.commands.execute(
      new ReclassifyComplaintCommand(caller, id, body),
    );
    markReplayed(reply, replayed);
    return result;
  }
}
