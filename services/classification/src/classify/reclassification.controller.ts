import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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

@Controller('api/v1/complaints/:id')
export class ReclassificationController {
  constructor(private readonly reclassification: Reclassification) {}

  /** A handler's correction: `202 { complaintId, status, revision }`. */
  @Post('classify')
  @HttpCode(202)
  @Roles(...RECLASSIFICATION_ROLES)
  classify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReclassifyComplaintDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReclassificationResult> {
    return this.reclassification.reclassify(principal, id, body);
  }
}
