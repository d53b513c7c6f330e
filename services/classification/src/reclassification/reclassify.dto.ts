import {
  NATURES,
  type Nature,
  SCOPES,
  type Scope,
  SEVERITIES,
  type Severity,
} from '@kesu/classification-contracts';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

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

  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
