import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { intakeStream } from '@kesu/intake-contracts';
import { slaStream } from '@kesu/sla-contracts';
import { slaClockDecider } from '@kesu/sla-domain';
import { ClockRunner } from '../clocks/clock-runner';
import { SLA_EVENTS } from '../sla-events';
import type { DecideExtensionDto, RequestExtensionDto } from './extension.dto';

/** The answer to an extension request or decision. */
export interface ExtensionOutcome {
  readonly complaintId: string;
  readonly revision: number;
  readonly replayed: boolean;
}

/** Ask for more time on one milestone, with a reason. */
export class RequestExtensionCommand extends Command<ExtensionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RequestExtensionDto,
  ) {
    super();
  }
}

/** Grant or refuse the pending extension (the role the policy names). */
export class DecideExtensionCommand extends Command<ExtensionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: DecideExtensionDto,
  ) {
    super();
  }
}

const NOT_FOUND = { code: 'complaint.not_found', message: 'complaint not found' };

/**
 * Runs both on the complaint's clocks as a person's command (404 outside the caller's scope,
 * Idempotency-Key, If-Match), with the rules of the complaint now: a request beyond the policy's
 * maximum, or where it allows none, is 409; a decision by another role is 403.
 */
@CommandHandler(RequestExtensionCommand)
export class RequestExtensionHandler implements ICommandHandler<RequestExtensionCommand> {
  constructor(
    @Inject(SLA_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly clocks: ClockRunner,
  ) {}

  async execute({ caller, complaintId, body }: RequestExtensionCommand): Promise<ExtensionOutcome> {
    const state = await this.clocks.stateOf(complaintId);
    const { rules } = await this.clocks.rulesOf(caller.principal.tenantId, state);
    const result = await this.commands.execute({
      caller,
      streamId: slaStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: slaClockDecider,
      registry: this.registry,
      action: 'RequestSlaExtension',
      input: { complaintId, ...body },
      notFound: NOT_FOUND,
      command: (at) => ({
        type: 'RequestExtension' as const,
        milestone: body.milestone,
        extendBy: { amount: body.extendBy.amount, unit: body.extendBy.unit },
        reason: body.reason,
        requestedBy: caller.principal.userId,
        rules,
        at,
      }),
    });
    return { complaintId, revision: result.revision, replayed: result.replayed };
  }
}

@CommandHandler(DecideExtensionCommand)
export class DecideExtensionHandler implements ICommandHandler<DecideExtensionCommand> {
  constructor(
    @Inject(SLA_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly clocks: ClockRunner,
  ) {}

  async execute({ caller, complaintId, body }: DecideExtensionCommand): Promise<ExtensionOutcome> {
    const { tenantId, userId, roles } = caller.principal;
    const state = await this.clocks.stateOf(complaintId);
    const { rules, calendar } = await this.clocks.rulesOf(tenantId, state);
    const result = await this.commands.execute({
      caller,
      streamId: slaStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: slaClockDecider,
      registry: this.registry,
      action: 'DecideSlaExtension',
      input: { complaintId, ...body },
      notFound: NOT_FOUND,
      command: (at) => ({
        type: 'DecideExtension' as const,
        approved: body.approved,
        decidedBy: userId,
        roles,
        ...(body.note ? { note: body.note } : {}),
        rules,
        calendar,
        at,
      }),
    });
    if (!result.replayed) await this.clocks.reschedule(complaintId, tenantId, result.state);
    return { complaintId, revision: result.revision, replayed: result.replayed };
  }
}
