import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Caller, CurrentCaller, type HeaderReply, markReplayed, Role, Roles } from '@kesu/platform';
import { RegisterComplaintCommand } from './register-complaint';
import { RegisterComplaintDto } from './register-complaint.dto';
import type { RegistrationResult } from './registration-result';

/** Roles that take complaints in. */
export const INTAKE_ROLES = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];

/**
 * Takes complaints in: `201` with the registration's result (`Idempotent-Replayed: true` when it
 * repeats an earlier request with the same Idempotency-Key and body).
 */
@Controller('api/v1/complaints')
export class RegistrationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles(...INTAKE_ROLES)
  async register(
    @Body() body: RegisterComplaintDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RegistrationResult> {
    const { result, replayed } = await this.commands.execute(new RegisterComplaintCommand(caller, body));
    markReplayed(reply, replayed);
    return result;
  }
}
