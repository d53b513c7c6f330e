import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Caller, CurrentCaller, Role, Roles, uuidParam } from '@kesu/platform';
import { DecideExtensionDto, RequestExtensionDto } from './extension.dto';
import { DecideExtensionCommand, type ExtensionOutcome, RequestExtensionCommand } from './extensions';

/** Who works complaints and may ask for, or decide, more time (the policy names the deciding role). */
const CASE_ROLES = [Role.handler, Role.supervisor, Role.branchManager, Role.director];

/** Extensions of a complaint's time limits: requested with a reason, decided by the role the policy names. */
@Controller('api/v1/complaints/:id/sla')
export class ExtensionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('extension-requests')
  @HttpCode(202)
  @Roles(...CASE_ROLES)
  request(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RequestExtensionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ExtensionOutcome> {
    return this.commands.execute(new RequestExtensionCommand(caller, id, body));
  }

  @Post('extension-decisions')
  @HttpCode(202)
  @Roles(...CASE_ROLES)
  decide(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DecideExtensionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ExtensionOutcome> {
    return this.commands.execute(new DecideExtensionCommand(caller, id, body));
  }
}
