import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { ChangeEscalationPolicyCommand } from './change-escalation-policy';
import type { EscalationSettings } from './escalation-policies';
import { PutEscalationPolicyDto } from './escalation-policy.dto';
import { GetEscalationPolicyQuery } from './get-escalation-policy';

/** Who may read the tenant's escalation policy: the administrators who change it, and those who take escalations. */
export const ESCALATION_POLICY_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

/**
 * A tenant's escalation policy (who holds each level, which trigger goes where within which time,
 * how collective-incident plans run): read by administrators and managers, changed by
 * administrators with a reason and If-Match, every change an EscalationPolicyChanged.
 */
@Controller('api/v1/assignments/escalation-policy')
export class EscalationPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...ESCALATION_POLICY_READERS)
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<EscalationSettings> {
    const settings = await this.queries.execute(new GetEscalationPolicyQuery(principal.tenantId));
    answerRevision(reply, settings.revision);
    return settings;
  }

  /** Replaces the policy as a whole; `If-Match` the revision it was read at (412 when stale). */
  @Put()
  @Roles(Role.admin)
  async change(
    @Body() body: PutEscalationPolicyDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<EscalationSettings> {
    const { settings, replayed } = await this.commands.execute(
      new ChangeEscalationPolicyCommand(caller, body),
    );
    markReplayed(reply, replayed);
    answerRevision(reply, settings.revision);
    return settings;
  }
}
