import { IsText } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { ProposedRemedyDto } from './case.dto';

/**
 * `PUT /api/v1/assignments/case-settings`: the whole settings after the change, and why. The limits'
 * and root causes' fields are checked by the settings' own validation (400 naming
 * `authorityLimits.1.maxAmount`), as every way of changing them answers.
 */
export class PutCaseSettingsDto {
  @IsText(1, 500)
  reason!: string;

  @IsString()
  currency!: string;

  @IsArray()
  @ArrayMaxSize(10)
  authorityLimits!: unknown[];

  @IsArray()
  @ArrayMaxSize(200)
  rootCauses!: unknown[];
}

/** Settings to try instead of the tenant's (a dry run of a change), without the reason. */
export class TriedCaseSettingsDto {
  @IsString()
  currency!: string;

  @IsArray()
  @ArrayMaxSize(10)
  authorityLimits!: unknown[];

  @IsArray()
  @ArrayMaxSize(200)
  rootCauses!: unknown[];
}

/** `POST /api/v1/assignments/case-settings/dry-run`: who would approve these remedies. */
export class DryRunCaseSettingsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProposedRemedyDto)
  remedies!: ProposedRemedyDto[];

  /** Settings to try instead of the tenant's (checked as a change is). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TriedCaseSettingsDto)
  settings?: TriedCaseSettingsDto;
}
