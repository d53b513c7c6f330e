import { InvalidInputError } from '@kesu/kernel';
import { INCIDENT_ID_PATTERN } from '@kesu/classification-contracts';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  CurrentPrincipal,
  IsInstant,
  IsOrgUnitId,
  OrgDirectory,
  PageQuery,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { decodeCursor } from '@kesu/ports';
import { ReasonDto } from '../reason.dto';
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

  /** `false`: the incidents standing alone; `true`: those merged into another. */
  @IsOptional()
  @IsIn(['true', 'false'])
  merged?: 'true' | 'false';
}

/** `POST /api/v1/classification/incidents/{id}/merge`. */
export class MergeIncidentDto extends ReasonDto {
  /** The incident that takes the complaints. */
  @IsString()
  @Matches(INCIDENT_ID_PATTERN, { message: 'into must be an incident id' })
  into!: string;
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

/** Who may merge collective incidents. */
export const INCIDENT_MERGERS = [Role.supervisor, Role.branchManager, Role.director, Role.admin];

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
    if (errors.length > 0) throw new InvalidInputError(errors);
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
        ...(query.merged !== undefined && { merged: query.merged === 'true' }),
      },
      { limit: query.limit ?? 20, ...(query.cursor !== undefined && { cursor: query.cursor }) },
    );
    return { items: page.items.map(toIncident), nextCursor: page.nextCursor };
  }

  /** One incident as it stands, within the caller's branch scope (404 otherwise). */
  @Get('incidents/:id')
  @Roles(...INCIDENT_READERS)
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<Incident> {
    return this.visible(principal, id);
  }

  /**
   * Merges an incident into another about the same matter, with the reason (合并): it takes no more
   * complaints, and its complaints join the other shortly after (each classified again with that
   * incident's complainants). Answers the merged incident; merging it again into the same one
   * changes nothing. Both must lie in the caller's branch scope.
   */
  @Post('incidents/:id/merge')
  @HttpCode(200)
  @Roles(...INCIDENT_MERGERS)
  async merge(
    @Param('id') id: string,
    @Body() body: MergeIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Incident> {
    await this.visible(principal, id);
    await this.visible(principal, body.into);
    return this.incidents.merge(authorOf(principal), id, body.into, body.reason);
  }

  /**
   * Takes a complaint that is not about the incident's matter out of it, with the reason: it never
   * joins that incident again, and is classified again without the incident's complainants; its
   * view no longer shows the incident. Answers the incident; removing it again changes nothing.
   */
  @Post('incidents/:id/members/:complaintId/removal')
  @HttpCode(200)
  @Roles(...INCIDENT_MERGERS)
  async removeMember(
    @Param('id') id: string,
    @Param('complaintId', new ParseUUIDPipe()) complaintId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Incident> {
    await this.visible(principal, id);
    return this.incidents.removeMember(authorOf(principal), id, complaintId, body.reason);
  }

  /** The incident; 400 for a malformed id, 404 for an incident the tenant lacks or the caller cannot see. */
  private async visible(principal: Principal, incidentId: string): Promise<Incident> {
    if (!INCIDENT_ID_PATTERN.test(incidentId))
      throw new InvalidInputError([{ field: 'id', message: 'id must be an incident id' }]);
    const incident = await this.incidents.incident(principal.tenantId, incidentId);
    if (!incident || !this.directory.covers(principal, incident.branchId))
      throw new NotFoundException(`collective incident ${incidentId} not found`);
    return incident;
  }
}

/** Who changed an incident, as its events record it. */
const authorOf = (principal: Principal) => ({
  tenantId: principal.tenantId,
  actor: { kind: 'user' as const, id: principal.userId, roles: principal.roles },
});

/** An incident as listed; a document indexed before incidents grew reads as one that never grew. */
function toIncident({ _id, revision: _revision, ...incident }: IncidentDoc): Incident {
  return {
    ...incident,
    complaintCount: incident.complaintCount ?? incident.complaintIds.length,
    lastJoinedAt: incident.lastJoinedAt ?? null,
    mergedInto: incident.mergedInto ?? null,
    mergedAt: incident.mergedAt ?? null,
    removedComplaintIds: incident.removedComplaintIds ?? [],
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
