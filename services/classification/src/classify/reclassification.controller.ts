import { InvalidInputError } from '@kesu/kernel';
import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CurrentPrincipal, type Principal, Role, Roles } from '@kesu/platform';
import { Reclassification, type ReclassificationResult } from './reclassification.service';
import { ReclassifyComplaintDto } from './reclassify.dto';

/** Who may correct a classification. */
export const RECLASSIFICATION_ROLES = [
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

interface Reply {
  header(name: string, value: string): unknown;
}

@Controller('api/v1/complaints/:id')
export class ReclassificationController {
  constructor(private readonly reclassification: Reclassification) {}

  /**
   * A handler's correction: `202 { complaintId, status, revision }`. A retry with the same
   * Idempotency-Key answers the same with `Idempotent-Replayed: true`; with another body, 422.
   */
  @Post('classify')
  @HttpCode(202)
  @Roles(...RECLASSIFICATION_ROLES)
  async classify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReclassifyComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ReclassificationResult> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new InvalidInputError([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const { result, replayed } = await this.reclassification.reclassify(principal, id, body, key);
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return result;
  }
}
