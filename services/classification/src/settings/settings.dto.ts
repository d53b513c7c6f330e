import { TAXONOMY_PACKS, type TaxonomyPack } from '@kesu/classification-contracts';
import { MAX_AUTO_RETRAIN_AFTER } from '@kesu/classification-domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';

/**
 * `PUT /api/v1/classification/taxonomy`: a pack (`{ pack }`) or a whole tree (`{ pack, categories }`);
 * the version is the current one plus one, whatever the body says.
 */
export class PutTaxonomyDto {
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
export class PutRulesDto {
  @IsArray()
  rules!: unknown[];

  @IsOptional()
  @IsInt()
  version?: number;
}

/**
 * `PUT /api/v1/classification/settings`: the tenant's confidence threshold (0–1 inclusive), its
 * automatic retraining policy (a whole number of new examples, 0: off), or both; at least one.
 */
export class PutSettingsDto {
  @ValidateIf(
    (body: PutSettingsDto) => body.autoRetrainAfter === undefined || body.confidenceThreshold !== undefined,
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
  @IsString()
  @Length(1, 5000)
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

export class TrainingExampleDto {
  @IsString()
  @Length(1, 5000)
  text!: string;

  @IsString()
  @Length(1, 200)
  category!: string;
}

/** Most examples one import takes. */
export const MAX_EXAMPLES_PER_CALL = 5000;

/** `POST /api/v1/classification/training-examples`. */
export class ImportExamplesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXAMPLES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => TrainingExampleDto)
  examples!: TrainingExampleDto[];
}
