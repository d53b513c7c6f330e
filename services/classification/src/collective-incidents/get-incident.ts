import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@kesu/kernel';
import { OrgDirectory, type Principal } from '@kesu/platform';
import { incidentNotFound } from './incident-curation';
import { IncidentList, type TrackedIncident } from './incident-list';

/** One incident as its stream tells it now, and its stream's revision (the ETag). */
export class GetIncidentQuery extends Query<TrackedIncident> {
  constructor(
    readonly principal: Principal,
    readonly incidentId: string,
  ) {
    super();
  }
}

/** Its list document caught up with its stream; 404 outside the caller's tenant or branch scope. */
@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    private readonly list: IncidentList,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, incidentId }: GetIncidentQuery): Promise<TrackedIncident> {
    const incident = await this.list.current(incidentId);
    if (!this.directory.reaches(principal, incident?.state)) {
      const { code, message } = incidentNotFound(incidentId);
      throw new NotFoundError(code, message);
    }
    return incident;
  }
}
