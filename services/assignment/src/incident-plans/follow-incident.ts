import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CollectiveIncidentEvent } from '@kesu/classification-contracts';
import type { IncidentPlanCommand } from '@kesu/assignment-domain';
import { assertNever, type RecordedEvent } from '@kesu/kernel';
import type { Delivered } from '@kesu/platform';
import { ComplaintFactsReader } from '../escalation/complaint-facts';
import { ESCALATION_ACTOR } from '../escalation/escalation-events';
import { EscalationPolicies } from '../escalation/policy/escalation-policies';
import { planIdOfIncident } from './plan-ids';
import { PlanContext } from './plan-context';

type Followed = Exclude<CollectiveIncidentEvent, { type: 'CollectiveIncidentDetected' }>;

/** A complaint joined or left a collective incident, or the incident was merged: its plan follows. */
export class FollowIncidentCommand extends Command<void> {
  constructor(readonly event: Delivered<Followed>) {
    super();
  }
}

/**
 * The incident's plan follows its membership: a joining complaint is added (its people and signals
 * may raise the plan's level), a complaint taken out is removed, a merged incident's plan closes as
 * merged into the plan of the incident it went into. An incident without a plan changes nothing.
 */
@CommandHandler(FollowIncidentCommand)
export class FollowIncidentHandler implements ICommandHandler<FollowIncidentCommand> {
  constructor(
    private readonly context: PlanContext,
    private readonly policies: EscalationPolicies,
    private readonly facts: ComplaintFactsReader,
  ) {}

  async execute({ event }: FollowIncidentCommand): Promise<void> {
    const { tenantId, incidentId } = event.data;
    const planId = planIdOfIncident(tenantId, incidentId);
    const opening = await this.context.openingOf(planId);
    if (!opening || opening.tenantId !== tenantId) return;
    const command = await this.commandFor(event, opening);
    await this.context.react(
      planId,
      { tenantId, branchId: opening.branchId },
      command,
      event as RecordedEvent,
    );
  }

  private async commandFor(
    event: Delivered<Followed>,
    opening: RecordedEvent,
  ): Promise<(at: string) => IncidentPlanCommand> {
    const by = ESCALATION_ACTOR.id;
    switch (event.type) {
      case 'ComplaintJoinedCollectiveIncident': {
        const { complaintId, complainantCount, tenantId } = event.data;
        const { levelRules } = (await this.policies.policyOf(tenantId)).incidentPlan;
        const signals = (await this.facts.of(complaintId))?.triggers ?? [];
        const coordinatorId = (opening.data as { coordinatorId: string | null }).coordinatorId;
        const coordinatorLanguage = await this.context.languageOf(tenantId, coordinatorId);
        return (at) => ({
          type: 'AddComplaintToPlan',
          complaintId,
          complainantCount,
          signals,
          levelRules,
          coordinatorLanguage,
          by,
          at,
        });
      }
      case 'ComplaintRemovedFromCollectiveIncident': {
        const { complaintId, reason, removedBy } = event.data;
        return (at) => ({ type: 'RemoveComplaintFromPlan', complaintId, reason, by: removedBy, at });
      }
      case 'CollectiveIncidentMerged': {
        const intoPlanId = planIdOfIncident(event.data.tenantId, event.data.intoIncidentId);
        return (at) => ({ type: 'MergePlan', intoPlanId, by: event.data.mergedBy, at });
      }
      default:
        return assertNever(event);
    }
  }
}
