import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type FieldError, ForbiddenError, InvalidInputError } from '@kesu/kernel';
import { OrgDirectory, type Principal } from '@kesu/platform';
import { decodeCursor } from '@kesu/ports';
import { IncidentList } from './incident-list';
import { incidentOf } from './incident-list.projection';
import type { IncidentListQuery, IncidentPage } from './incidents.dto';

/** The collective incidents within the caller's branch scope, newest window first, as they have grown. */
export class ListIncidentsQuery extends Query<IncidentPage> {
  constructor(
    readonly principal: Principal,
    readonly query: IncidentListQuery,
  ) {
    super();
  }
}

/**
 * Reads the incident list: 400 naming each bad field, 403 for a `branchId` outside the caller's
 * scope; the branches of a region (or HQ) `branchId` within it otherwise.
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(
    private readonly list: IncidentList,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, query }: ListIncidentsQuery): Promise<IncidentPage> {
    const errors: FieldError[] = [];
    if (query.branchId !== undefined && !this.directory.unit(principal.tenantId, query.branchId))
      errors.push({ field: 'branchId', message: `branchId ${query.branchId} is not an org unit` });
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to))
      errors.push({ field: 'to', message: 'to must not be before from' });
    if (query.cursor !== undefined && !isCursor(query.cursor))
      errors.push({ field: 'cursor', message: 'cursor must be a nextCursor of this list' });
    if (errors.length > 0) throw new InvalidInputError(errors);
    const covered = this.directory.branchesWithin(principal);
    let branches = covered;
    if (query.branchId !== undefined) {
      const unitId = query.branchId;
      if (!this.directory.covers(principal, unitId))
        throw new ForbiddenError(
          'incident.branch_out_of_scope',
          `branchId ${unitId} is outside your branch scope`,
        );
      branches = covered.filter((b) => this.directory.covers({ ...principal, branchScope: [unitId] }, b));
    }
    if (branches.length === 0) return { items: [], nextCursor: null };
    const page = await this.list.find(
      principal.tenantId,
      branches,
      {
        ...(query.from !== undefined && { from: query.from }),
        ...(query.to !== undefined && { to: query.to }),
        ...(query.merged !== undefined && { merged: query.merged === 'true' }),
      },
      { limit: query.limit ?? 20, ...(query.cursor !== undefined && { cursor: query.cursor }) },
    );
    return { items: page.items.map(incidentOf), nextCursor: page.nextCursor };
  }
}

function isCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}
