import {
  ESCALATION_SIGNALS,
  type EscalationSignal,
  SCOPES,
  type Scope,
  SEVERITIES,
  type Severity,
} from '@kesu/classification-contracts';
import { CHANNELS, type Channel, LANGUAGES, type Language } from '@kesu/intake-contracts';
import { IsOrgUnitId, IsText } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * `PUT /api/v1/assignments/routing`: the rules and the fallback, with why; the weights, the transfer
 * limit and the level holders are kept from the policy in force when left out. Each rule's fields
 * are checked by the policy's own validation (400 naming `rules.2.when.severities.0`).
 */
export class PutRoutingPolicyDto {
  @IsText(1, 500)
  reason!: string;

  @IsArray()
  rules!: unknown[];

  @IsObject()
  fallback!: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  severityWeights?: Record<string, unknown>;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxTransfers?: number;

  @IsOptional()
  @IsObject()
  levelHolders?: Record<string, unknown>;
}

/** The complaint a dry run routes: its classification and where it came from. */
export class DryRunComplaintDto {
  @IsString()
  @Length(1, 100)
  category!: string;

  @IsIn(SEVERITIES)
  severity!: Severity;

  @IsOptional()
  @IsIn(SCOPES)
  scope?: Scope;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsOrgUnitId()
  branchId!: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ESCALATION_SIGNALS.length)
  @IsIn(ESCALATION_SIGNALS, { each: true })
  signals?: EscalationSignal[];

  /** The department kind the taxonomy gives the category (classification's `departmentId`). */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  categoryKind?: string;
}

/**
 * `POST /api/v1/assignments/routing/dry-run`: which rule a complaint would match and whom it would
 * go to, under the tenant's policy or the rules given (checked as a change would be); nothing is
 * recorded.
 */
export class DryRunRoutingDto {
  @ValidateNested()
  @Type(() => DryRunComplaintDto)
  complaint!: DryRunComplaintDto;

  @IsOptional()
  @IsArray()
  rules?: unknown[];

  @IsOptional()
  @IsObject()
  fallback?: Record<string, unknown>;
}
