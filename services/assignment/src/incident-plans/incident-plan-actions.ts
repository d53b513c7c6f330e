import { Inject, Injectable } from '@nestjs/common';
import { type IncidentPlanEvent, incidentPlanStream } from '@kesu/assignment-contracts';
import {
  type IncidentPlanCommand,
  incidentPlanDecider,
  type IncidentPlanState,
} from '@kesu/assignment-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { ESCALATION_EVENTS } from '../escalation/escalation-events';
import { planActionResult, type PlanActionResult } from './plan-view';

export interface PlanActionOutcome {
  readonly result: PlanActionResult;
  readonly replayed: boolean;
}

/**
 * Runs a person's command on a plan through `UserCommands`: 404 unless the plan's unit lies in the
 * caller's tenant and scope, a repeated Idempotency-Key answered as it was, the If-Match revision
 * of the plan's stream checked (412), decided by the plan's decider.
 */
@Injectable()
export class IncidentPlanActions {
  constructor(
    private readonly commands: UserCommands,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async run(
    caller: Caller,
    planId: string,
    action: IncidentPlanCommand['type'],
    input: object,
    command: (at: string) => IncidentPlanCommand,
  ): Promise<PlanActionOutcome> {
    const handled = await this.commands.execute<IncidentPlanCommand, IncidentPlanEvent, IncidentPlanState>({
      caller,
      streamId: incidentPlanStream(planId),
      decider: incidentPlanDecider,
      registry: this.registry,
      action,
      input,
      command,
      notFound: { code: 'incident_plan.not_found', message: `incident plan ${planId} not found` },
    });
    return { result: planActionResult(handled.state, handled.revision), replayed: handled.replayed };
  }
}
