import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type IncidentPlanEvent, incidentPlanStream } from '@kesu/assignment-contracts';
import { incidentPlanDecider } from '@kesu/assignment-domain';
import { type EventTypeRegistry, fold, NotFoundError } from '@kesu/kernel';
import { EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { ESCALATION_EVENTS } from '../escalation/escalation-events';
import { type IncidentPlanView, planViewOf } from './plan-view';

/** One plan as it stands; 404 unless its unit lies in the caller's tenant and scope. */
export class GetIncidentPlanQuery extends Query<IncidentPlanView> {
  constructor(
    readonly principal: Principal,
    readonly planId: string,
  ) {
    super();
  }
}

@QueryHandler(GetIncidentPlanQuery)
export class GetIncidentPlanHandler implements IQueryHandler<GetIncidentPlanQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, planId }: GetIncidentPlanQuery): Promise<IncidentPlanView> {
    const events = await this.store.readStream(incidentPlanStream(planId));
    const first = events[0];
    if (!this.directory.reaches(principal, first))
      throw new NotFoundError('incident_plan.not_found', `incident plan ${planId} not found`);
    const state = fold(
      incidentPlanDecider,
      events.map((e) => this.registry.toDomain<IncidentPlanEvent>(e)),
    );
    return planViewOf(state, events.length - 1);
  }
}
