import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import {
  CurrentPrincipal,
  IsInstant,
  IsOrgUnitId,
  OrgDirectory,
  PageQuery,
  type Principal,
  Role,
  Roles,
  ValidationProblem,
} from '@kesu/platform';
import { IsOptional } from 'class-validator';
import { decodeCursor } from '@kesu/ports';
import { CollectiveIncidents, type Incident, type IncidentDoc } from './collective-incidents.service';

/** Query of `GET /api/v1/classification/incidents`. */
export class IncidentListQuery extends PageQuery {
  /** Incidents whose window started at or after this instant. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** … and at or before this instant. */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** A branch, or a region (or HQ) for all its branches; it must lie in the caller's scope. */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;
}

export interface IncidentPage {
  readonly items: Incident[];
  readonly nextCursor: string | null;
}

/** Who may list collective incidents. */
export const INCIDENT_READERS = [
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.analyst,
  Role.regulator,
  Role.admin,
];

@Controller('api/v1/classification')
export class IncidentsController {
  constructor(
    private readonly incidents: CollectiveIncidents,
    private readonly directory: OrgDirectory,
  ) {}

  /** Collective incidents within the caller's branch scope, newest window first, as they have grown. */
  @Get('incidents')
  @Roles(...INCIDENT_READERS)
  async list(
    @Query() query: IncidentListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IncidentPage> {
    const errors: { field: string; message: string }[] = [];
    if (query.branchId !== undefined && !this.directory.unit(principal.tenantId, query.branchId))
      errors.push({ field: 'branchId', message: `branchId ${query.branchId} is not an org unit` });
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to))
      errors.push({ field: 'to', message: 'to must not be before from' });
    if (query.cursor !== undefined && !isCursor(query.cursor))
      errors.push({ field: 'cursor', message: 'cursor must be a nextCursor of this list' });
    if (errors.length > 0) throw new ValidationProblem(errors);
    const covered = this.directory.branchesWithin(principal);
    let branches = covered;
    if (query.branchId !== undefined) {
      const unitId = query.branchId;
      if (!this.directory.covers(principal, unitId))
        throw new ForbiddenException(`branchId ${unitId} is outside your branch scope`);
      branches = covered.filter((b) => this.directory.covers({ ...principal, branchScope: [unitId] }, b));
    }
    if (branches.length === 0) return { items: [], nextCursor: null };
    const page = await this.incidents.list(
      principal.tenantId,
      branches,
      {
        ...(query.from !== undefined && { from: query.from }),
        ...(query.to !== undefined && { to: query.to }),
      },
      { limit: query.limit ?? 20, ...(query.cursor !== undefined && { cursor: query.cursor }) },
    );
    return { items: page.items.map(toIncident), nextCursor: page.nextCursor };
  }
}

/** An incident as listed; a document indexed before incidents grew reads as one that never grew. */
function toIncident({ _id, revision: _revision, ...incident }: IncidentDoc): Incident {
  return {
    ...incident,
    complaintCount: incident.complaintCount ?? incident.complaintIds.length,
    lastJoinedAt: incident.lastJoinedAt ?? null,
  };
}

function isCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}
