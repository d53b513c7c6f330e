import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type EscalationEvent, escalationStream } from '@kesu/assignment-contracts';
import { escalationDecider, type EscalationStanding, type EscalationState } from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, fold, NotFoundError } from '@kesu/kernel';
import { EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { escalationResult, type EscalationResult } from './escalation-actions';
import { ESCALATION_EVENTS } from './escalation-events';

/** `GET /api/v1/complaints/{id}/escalation`: where it stands, and the levels it went up through. */
export interface EscalationView extends EscalationResult {
  /** The levels holding it, lowest first (the last one holds it). */
  readonly levels: readonly EscalationStanding[];
  readonly triggersSeen: EscalationState['triggersSeen'];
}

/** A complaint's escalation; 404 outside the caller's scope. */
export class GetEscalationQuery extends Query<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(GetEscalationQuery)
export class GetEscalationHandler implements IQueryHandler<GetEscalationQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, complaintId }: GetEscalationQuery): Promise<EscalationView> {
    const [received] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
    if (!this.directory.reaches(principal, received))
      throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    const events = await this.store.readStream(escalationStream(complaintId));
    const state = fold(
      escalationDecider,
      events.map((e) => this.registry.toDomain<EscalationEvent>(e)),
    );
    const revision = events.length - 1;
    return {
      ...escalationResult(complaintId, state, revision),
      levels: state.stack,
      triggersSeen: state.triggersSeen,
    };
  }
}
