import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CollectiveIncidentDetected } from '@kesu/classification-contracts';
import type { IncidentPlanState } from '@kesu/assignment-domain';
import type { RecordedEvent } from '@kesu/kernel';
import type { CommandResult } from '@kesu/ports';
import { ESCALATION_ACTOR } from '../escalation/escalation-events';
import { EscalationPolicies } from '../escalation/policy/escalation-policies';
import { planIdOfIncident } from './plan-ids';
import { PlanContext } from './plan-context';

/** Classification detected a collective incident: the reaction opens its plan. */
export class OpenPlanForIncidentCommand extends Command<CommandResult<IncidentPlanState>> {
  constructor(readonly detected: RecordedEvent<CollectiveIncidentDetected>) {
    super();
  }
}

/**
 * Opens the incident's plan (one per incident, its id derived from the incident's): at the level the
 * tenant's policy gives its people and its complaints' signals, coordinated by the holder of the
 * policy's role (the centre director by default), with the policy's checklist.
 */
@CommandHandler(OpenPlanForIncidentCommand)
export class OpenPlanForIncidentHandler implements ICommandHandler<OpenPlanForIncidentCommand> {
  constructor(
    private readonly context: PlanContext,
    private readonly policies: EscalationPolicies,
  ) {}

  async execute({ detected }: OpenPlanForIncidentCommand): Promise<CommandResult<IncidentPlanState>> {
    const { tenantId, branchId, incidentId, complaintIds, complainantCount, target } = detected.data;
    const planId = planIdOfIncident(tenantId, incidentId);
    const policy = await this.policies.policyOf(tenantId);
    const coordinator = await this.context.coordinatorFor(tenantId, branchId, policy);
    const signals = await this.context.signalsOf(complaintIds);
    return this.context.react(
      planId,
      { tenantId, branchId },
      (at) => ({
        type: 'OpenIncidentPlan',
        planId,
        tenantId,
        unitId: branchId,
        origin: 'detected',
        incidentId,
        complaintIds,
        complainantCount,
        signals,
        coordinator,
        policy: policy.incidentPlan,
        about: target,
        reason: null,
        by: ESCALATION_ACTOR.id,
        at,
      }),
      detected,
    );
  }
}
