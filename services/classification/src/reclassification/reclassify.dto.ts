import {
  NATURES,
  type Nature,
  SCOPES,
  type Scope,
  SEVERITIES,
  type Severity,
} from '@kesu/classification-contracts';
import { IsText } from '@kesu/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** `POST /api/v1/complaints/{id}/classify`: a handler's correction of the classification. */
export class ReclassifyComplaintDto {
  @IsString()
  @Length(1, 200)
  category!: string;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @IsOptional()
  @IsIn(SCOPES)
  scope?: Scope;

  @IsOptional()
  @IsIn(NATURES)
  nature?: Nature;

  @IsText(1, 2000)
  reason!: string;
}
