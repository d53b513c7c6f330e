import { QUEUE_STATUSES, type QueueStatus } from '@kesu/assignment-domain';
import { SEVERITIES, type Severity } from '@kesu/classification-contracts';
import { IsOrgUnitId, PageQuery } from '@kesu/platform';
import { IsIn, IsOptional } from 'class-validator';

export const DEFAULT_QUEUE_PAGE = 20;

/** Parameters of the queue routes; unknown parameters are refused (400). */
export class QueueParams extends PageQuery {
  /** `queued` (waiting for a person), `assigned` (not yet accepted) or `accepted`; all open ones without it. */
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  /** A branch, or a region (or HQ) for all its branches; it must lie in the caller's scope (403). */
  @IsOptional()
  @IsOrgUnitId()
  branchId?: string;
}
