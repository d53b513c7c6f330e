import { TAXONOMY_PACKS, type TaxonomyPack } from '@kesu/classification-contracts';
import {
  MAX_AUTO_RETRAIN_AFTER,
  MAX_COLLECTIVE_THRESHOLD,
  MIN_COLLECTIVE_THRESHOLD,
} from '@kesu/classification-domain';
import { IsText } from '@kesu/platform';
import {
  IsArray,
  IsInt,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

/** Why an administrator changes a setting: required, kept in the event with who changed it. */
export class SettingsReasonDto {
  @IsText(1, 500)
  reason!: string;
}

/**
 * `PUT /api/v1/classification/taxonomy`: a pack (`{ pack }`) or a whole tree (`{ pack, categories }`);
 * the version is the current one plus one, whatever the body says.
 */
export class PutTaxonomyDto extends SettingsReasonDto {
  @IsIn(TAXONOMY_PACKS)
  pack!: TaxonomyPack;

  @IsOptional()
  @IsArray()
  categories?: unknown[];

  @IsOptional()
  @IsInt()
  version?: number;
}

/** `PUT /api/v1/classification/rules`: the whole rule set; its version is the current one plus one. */
export class PutRulesDto extends SettingsReasonDto {
  @IsArray()
  rules!: unknown[];

  @IsOptional()
  @IsInt()
  version?: number;
}

/**
 * `PUT /api/v1/classification/settings`: the tenant's confidence threshold (0–1 inclusive), its
 * automatic retraining policy (a whole number of new examples, 0: off), its collective threshold (a
 * whole number, 2–1000), or several; at least one (an empty change is refused naming
 * `confidenceThreshold`).
 */
export class PutSettingsDto extends SettingsReasonDto {
  @ValidateIf(
    (body: PutSettingsDto) =>
      (body.autoRetrainAfter === undefined && body.collectiveThreshold === undefined) ||
      body.confidenceThreshold !== undefined,
  )
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidenceThreshold?: number;

  @ValidateIf((body: PutSettingsDto) => body.autoRetrainAfter !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_AUTO_RETRAIN_AFTER)
  autoRetrainAfter?: number;

  @ValidateIf((body: PutSettingsDto) => body.collectiveThreshold !== undefined)
  @IsInt()
  @Min(MIN_COLLECTIVE_THRESHOLD)
  @Max(MAX_COLLECTIVE_THRESHOLD)
  collectiveThreshold?: number;
}

/**
 * `POST /api/v1/classification/rules/dry-run`: a complaint as `input` (ClassificationInput's fields)
 * or as its main fields, and optionally rules to try instead of the tenant's.
 */
export class DryRunDto {
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @IsOptional()
  @IsText(1, 5000)
  text?: string;

  @IsOptional()
  @IsString()
  @Length(1, 50)
  channel?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  complainantCount?: number;

  @IsOptional()
  @IsString()
  emotion?: string;

  @IsOptional()
  @IsString()
  repeatOf?: string;

  @IsOptional()
  @IsArray()
  rules?: unknown[];
}
