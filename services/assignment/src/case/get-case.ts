import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CaseEvent, caseStream } from '@kesu/assignment-contracts';
import { allowedActions, type CaseAction, caseDecider, type CaseState } from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, fold, NotFoundError } from '@kesu/kernel';
import { EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CASE_EVENTS } from './case-events';

/** `GET /api/v1/complaints/{id}/case`: the case's state, its revision and the actions allowed now. */
export interface CaseView extends CaseState {
  readonly complaintId: string;
  /** The case stream's revision (-1: no case work yet): what If-Match names. */
  readonly revision: number;
  readonly allowedActions: readonly CaseAction[];
}

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, complaintId }: GetCaseQuery): Promise<CaseView> {
    const [received] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
    if (!this.directory.reaches(principal, received))
      throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    const events = await this.store.readStream(caseStream(complaintId));
    const state = fold(
      caseDecider,
      events.map((e) => this.registry.toDomain<CaseEvent>(e)),
    );
    return { complaintId, ...state, revision: events.length - 1, allowedActions: allowedActions(state) };
  }
}
