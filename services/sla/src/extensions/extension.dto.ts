import { IsText } from '@kesu/platform';
import { SLA_MILESTONES, SLA_UNITS } from '@kesu/sla-contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  ValidateNested,
} from 'class-validator';

class DurationDto {
  @IsNumber()
  @IsPositive()
  amount!: number;

  @IsIn(SLA_UNITS)
  unit!: (typeof SLA_UNITS)[number];
}

/** Body of `POST /api/v1/complaints/{id}/sla/extension-requests`. */
export class RequestExtensionDto {
  @IsIn(SLA_MILESTONES)
  milestone!: (typeof SLA_MILESTONES)[number];

  @IsDefined()
  @ValidateNested()
  @Type(() => DurationDto)
  extendBy!: DurationDto;

  /** Why more time is needed (e.g. an external appraisal report pending). */
  @IsText(1, 500)
  reason!: string;
}

/** Body of `POST /api/v1/complaints/{id}/sla/extension-decisions`. */
export class DecideExtensionDto {
  @IsBoolean()
  approved!: boolean;

  @IsOptional()
  @IsText(1, 500)
  note?: string;
}
