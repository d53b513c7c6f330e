import { IsOrgUnitId, IsText, PageQuery, Role } from '@kesu/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';

/** The most complaints a supervisor names in one declaration. */
export const MAX_DECLARED_COMPLAINTS = 500;

/** Body of `POST /api/v1/incident-plans`: a supervisor declares a collective incident over these complaints. */
export class DeclarePlanDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DECLARED_COMPLAINTS)
  @IsUUID('all', { each: true, message: 'complaintIds must list complaint ids' })
  complaintIds!: string[];

  /** Why it is one incident: kept with the plan. */
  @IsText(1, 2000)
  reason!: string;

  /** Who coordinates it (a person of the tenant's directory); by default the holder of the policy's role. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  coordinatorId?: string;
}

/** Body of `POST /api/v1/incident-plans/{planId}/steps/{stepId}/done`. */
export class CompleteStepDto {
  @IsText(1, 2000)
  note!: string;
}

/** Body of `POST /api/v1/incident-plans/{planId}/status-reports`. */
export class ReportStatusDto {
  @IsText(1, 5000)
  text!: string;
}

/** Body of `POST /api/v1/incident-plans/{planId}/close`. */
export class ClosePlanDto {
  @IsText(1, 2000)
  note!: string;
}

/** Query of `GET /api/v1/incident-plans`. */
export class PlanListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  /** Plans of this unit or below it; it must lie in the caller's scope. */
  @IsOptional()
  @IsOrgUnitId()
  unitId?: string;
}

/** Who may read plans. */
export const PLAN_READERS = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.analyst,
  Role.regulator,
  Role.admin,
];
/** Who works a plan: tick steps, report its status (closing is its coordinator's). */
export const PLAN_WORKERS = [
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
];
/** Who may declare a collective incident. */
export const PLAN_DECLARERS = [Role.supervisor, Role.branchManager, Role.director, Role.admin];
