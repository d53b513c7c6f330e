import { INCIDENT_ID_PATTERN } from '@kesu/classification-contracts';
import type { CollectiveIncident } from '@kesu/classification-domain';
import { IsInstant, IsOrgUnitId, PageQuery, Role } from '@kesu/platform';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ReasonDto } from '../reason.dto';

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
  readonly items: CollectiveIncident[];
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

/** Who may merge collective incidents and take complaints out of them. */
export const INCIDENT_MERGERS = [Role.supervisor, Role.branchManager, Role.director, Role.admin];
