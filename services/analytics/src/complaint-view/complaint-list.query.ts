import { COMPLAINT_STATUSES, type ComplaintStatus, SEVERITIES, type Severity } from '@kesu/analytics-domain';
import { IsInstant } from '@kesu/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longest `q`: up to 99 bigrams, each one more condition on every candidate. */
export const MAX_QUERY_LENGTH = 100;

/** Query of `GET /api/v1/complaints`; unknown parameters are rejected by the validation pipe. */
export class ComplaintListQuery {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  /** A branch, or a region (or HQ) for all its branches; it must lie in the caller's scope. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'branchId must be an org unit id' })
  branchId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

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

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
