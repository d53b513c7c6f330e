import {
  ESCALATION_SIGNALS,
  type EscalationSignal,
  SCOPES,
  type Scope,
  SEVERITIES,
  type Severity,
} from '@kesu/classification-contracts';
import { CHANNELS, type Channel, LANGUAGES, type Language } from '@kesu/intake-contracts';
import { IsOrgUnitId, IsText, RESERVED_NAMES } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
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

/** A category or department kind code: as the taxonomy writes it (`fees_price.overcharge`). */
const CATEGORY_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The complaint a dry run routes: its classification and where it came from. */
export class DryRunComplaintDto {
  /** A category code of the taxonomy (`fees_price.overcharge`): lower-case words joined by `_` and `.`. */
  @IsString()
  @Length(1, 100)
  @Matches(CATEGORY_CODE, { message: 'category must be a category code such as fees_price.overcharge' })
  @IsNotIn([...RESERVED_NAMES], { message: 'category must be a category code, not a reserved name' })
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
  @Matches(CATEGORY_CODE, { message: 'categoryKind must be a department kind such as customer_service' })
  @IsNotIn([...RESERVED_NAMES], { message: 'categoryKind must be a department kind, not a reserved name' })
  categoryKind?: string;
}

/**
 * `POST /api/v1/assignments/routing/dry-run`: which rule a complaint would match and whom it would
 * go to, under the tenant's policy or the rules given (checked as a change would be); nothing is
 * recorded.
 */
export class DryRunRoutingDto {
  @IsDefined()
  @IsObject()
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
