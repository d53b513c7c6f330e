import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PlanMemberResolution } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { DocumentStore } from '@kesu/ports';
import { ESCALATION_ACTOR } from '../escalation/escalation-events';
import { INCIDENT_PLAN_MEMBERS, type PlanMemberDocument } from './incident-plans.projection';
import { PlanContext } from './plan-context';

/**
 * The events that end a member complaint's matter, and how: closed (follow-up), withdrawn, resolved
 * on the spot, merged as a duplicate (intake), resolved (case work's `ComplaintResolved`).
 */
export const MEMBER_RESOLUTIONS: Readonly<Record<string, PlanMemberResolution>> = {
  ComplaintClosed: 'closed',
  ComplaintWithdrawn: 'withdrawn',
  ComplaintResolvedOnTheSpot: 'resolved_on_the_spot',
  ComplaintMergedAsDuplicate: 'merged_as_duplicate',
  ComplaintResolved: 'resolved',
};

/** A complaint's matter ended: the reaction tells its plan. */
export class ResolvePlanMemberCommand extends Command<void> {
  constructor(
    readonly complaintId: string,
    readonly resolution: PlanMemberResolution,
    readonly cause: RecordedEvent,
  ) {
    super();
  }
}

/**
 * Records the member's resolution on the plan it belongs to (the plan closes when none of its
 * complaints is left open); a complaint of no plan changes nothing.
 */
@CommandHandler(ResolvePlanMemberCommand)
export class ResolvePlanMemberHandler implements ICommandHandler<ResolvePlanMemberCommand> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly context: PlanContext,
  ) {}

  async execute({ complaintId, resolution, cause }: ResolvePlanMemberCommand): Promise<void> {
    const member = await this.documents
      .collection<PlanMemberDocument>(INCIDENT_PLAN_MEMBERS)
      .get(complaintId);
    if (!member || member.tenantId !== cause.tenantId) return;
    const opening = await this.context.openingOf(member.planId);
    if (!opening) return;
    const place = { tenantId: opening.tenantId, branchId: opening.branchId };
    const by = ESCALATION_ACTOR.id;
    await this.context.react(
      member.planId,
      place,
      (at) => ({ type: 'ResolvePlanMember', complaintId, resolution, by, at }),
      cause,
    );
  }
}
