import { InvalidInputError } from '@kesu/kernel';
import { Body, Controller, ForbiddenException, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CurrentPrincipal, OrgDirectory, type Principal, Roles } from '@kesu/platform';
import { ComplaintRegistration, type RegistrationResult } from './complaint-registration.service';
import { RegisterComplaintDto } from './register-complaint.dto';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Roles that take complaints in. */
export const INTAKE_ROLES = ['agent', 'handler', 'supervisor', 'branch_manager', 'director', 'admin'];

@Controller('api/v1/complaints')
export class ComplaintsIntakeController {
  constructor(
    private readonly registration: ComplaintRegistration,
    private readonly directory: OrgDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...INTAKE_ROLES)
  async register(
    @Body() body: RegisterComplaintDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: { id: string },
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ): Promise<RegistrationResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new InvalidInputError([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
      ]);
    }
    if (!this.directory.branchExists(principal.tenantId, body.branchId)) {
      throw new InvalidInputError([{ field: 'branchId', message: `branch ${body.branchId} does not exist` }]);
    }
    if (!this.directory.covers(principal, body.branchId)) {
      throw new ForbiddenException(`branch ${body.branchId} is outside your scope`);
    }
    const { result, created } = await this.registration.register({
      principal,
      body,
      idempotencyKey,
      requestId: String(request.id),
    });
    if (!created) reply.header('Idempotent-Replayed', 'true');
    return result;
  }
}
