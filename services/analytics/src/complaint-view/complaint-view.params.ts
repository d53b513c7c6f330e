import { INCIDENT_ID_PATTERN } from '@kesu/classification-contracts';
import { COMPLAINT_STATUSES, type ComplaintStatus, SEVERITIES, type Severity } from '@kesu/analytics-domain';
import { IsInstant, IsOrgUnitId, PageQuery } from '@kesu/platform';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
/** Longest `q`: up to 99 bigrams, each one more condition on every candidate. */
export const MAX_QUERY_LENGTH = 100;

/** Parameters of `GET /api/v1/complaints`; unknown parameters are rejected by the validation pipe. */
export class ComplaintListParams extends PageQuery {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  /** A branch, or a region (or HQ) for all its branches; it must lie in the caller's scope. */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  /** The complaints of one collective incident (`collectiveIncident.incidentId`). */
  @IsOptional()
  @Matches(INCIDENT_ID_PATTERN, { message: 'incidentId must be an incident id' })
  incidentId?: string;

  /** Received at or after this instant. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Received at or before this instant. */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** Words (Chinese or not) that must all occur in the complaint's text or reference. */
  @IsOptional()
  @IsString()
  @Length(1, MAX_QUERY_LENGTH)
  q?: string;
}

/** Parameters of `GET /api/v1/complaints/{id}`. */
export class ComplaintViewParams {
  /** An instant: the view as it stood then. */
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
