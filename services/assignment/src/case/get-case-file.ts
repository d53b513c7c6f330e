import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CaseEvent, caseStream } from '@kesu/assignment-contracts';
import { type CaseFile, emptyCaseFile, evolveCaseFile } from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, NotFoundError } from '@kesu/kernel';
import { EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CASE_EVENTS } from './case-events';

/** `GET /api/v1/complaints/{id}/case/file`: the case file, and the case stream's revision it was read at. */
export interface CaseFileView extends CaseFile {
  readonly complaintId: string;
  readonly revision: number;
}

/** A complaint's case file: its plan, notes, evidence and finding; 404 outside the caller's scope. */
export class GetCaseFileQuery extends Query<CaseFileView> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(GetCaseFileQuery)
export class GetCaseFileHandler implements IQueryHandler<GetCaseFileQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, complaintId }: GetCaseFileQuery): Promise<CaseFileView> {
    const [received] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
    if (!this.directory.reaches(principal, received))
      throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    const events = await this.store.readStream(caseStream(complaintId));
    const file = events
      .map((e) => this.registry.toDomain<CaseEvent>(e))
      .reduce(evolveCaseFile, emptyCaseFile());
    return { complaintId, ...file, revision: events.length - 1 };
  }
}
