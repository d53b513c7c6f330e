import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ASSIGNMENT_TOPIC, caseEventTypes } from '@kesu/assignment-contracts';
import { CommandBus } from '@nestjs/cqrs';
import {
  CLASSIFICATION_TOPIC,
  type CollectiveIncidentDetected,
  type CollectiveIncidentEvent,
  classificationEventTypes,
} from '@kesu/classification-contracts';
import { FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { INTAKE_TOPIC, intakeEventTypes } from '@kesu/intake-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers, Projections } from '@kesu/platform';
import { ESCALATION_EVENTS } from '../escalation/escalation-events';
import { FollowIncidentCommand } from './follow-incident';
import { incidentPlanListProjection, incidentPlanMembersProjection } from './incident-plans.projection';
import { OpenPlanForIncidentCommand } from './open-plan-for-incident';
import { MEMBER_RESOLUTIONS, ResolvePlanMemberCommand } from './resolve-plan-member';

/** The consumer group that keeps plans in step with their incidents and complaints. */
export const INCIDENT_PLANS_GROUP = 'assignment.incident-plans';

const INCIDENT_TYPES = [
  'CollectiveIncidentDetected',
  'ComplaintJoinedCollectiveIncident',
  'CollectiveIncidentMerged',
  'ComplaintRemovedFromCollectiveIncident',
];

/**
 * What the plans react to, as classification's, intake's, follow-up's and case work's contracts
 * publish it.
 */
const EVENTS_READ = new EventTypeRegistry(
  [...classificationEventTypes, ...intakeEventTypes, ...followUpEventTypes, ...caseEventTypes].filter(
    (e) => INCIDENT_TYPES.includes(e.type) || e.type in MEMBER_RESOLUTIONS,
  ),
);

/**
 * Opens a plan for every collective incident classification detects and keeps its members in step
 * with the incident's; tells a plan when one of its complaints' matter ends. Each reaction is a
 * command on the bus, recorded once per event however often it is delivered. Also runs the plan
 * list and the index of each complaint's plan.
 */
@Injectable()
export class IncidentPlanWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
    private readonly projections: Projections,
    @Inject(ESCALATION_EVENTS) private readonly events: EventTypeRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.consumers.register({
      group: INCIDENT_PLANS_GROUP,
      topics: [CLASSIFICATION_TOPIC, INTAKE_TOPIC, FOLLOW_UP_TOPIC, ASSIGNMENT_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
    await this.projections.register({
      projection: incidentPlanListProjection,
      events: this.events,
      indexes: [{ fields: ['tenantId', 'openedAt'] }, { fields: ['tenantId', 'status', 'openedAt'] }],
    });
    await this.projections.register({ projection: incidentPlanMembersProjection, events: this.events });
  }

  /** Handles one decoded, upcast event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (event.type === 'CollectiveIncidentDetected') {
      await this.commands.execute(
        new OpenPlanForIncidentCommand(event as RecordedEvent<CollectiveIncidentDetected>),
      );
    } else if (INCIDENT_TYPES.includes(event.type)) {
      const followed = event as Delivered<Exclude<CollectiveIncidentEvent, CollectiveIncidentDetected>>;
      await this.commands.execute(new FollowIncidentCommand(followed));
    } else if (event.type in MEMBER_RESOLUTIONS) {
      const { complaintId } = event.data as { complaintId: string };
      await this.commands.execute(
        new ResolvePlanMemberCommand(complaintId, MEMBER_RESOLUTIONS[event.type]!, event),
      );
    }
  }
}
