import {
  CHANNELS,
  type Channel,
  EMOTIONS,
  type Emotion,
  LANGUAGES,
  type Language,
  SUBJECT_TYPES,
  type SubjectType,
} from '@kesu/intake-domain';
import { IsInstant } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ComplainantDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{2,30}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  customerId?: string;
}

export class SubjectDto {
  @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

/** Body of `POST /api/v1/complaints` (api.md). */
export class RegisterComplaintDto {
  @IsIn(CHANNELS)
  channel!: Channel;

  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'branchId must be an org unit id' })
  branchId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant!: ComplainantDto;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject!: SubjectDto;

  @IsString()
  @Length(1, 5000)
  description!: string;

  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  expectedRemedy?: string;

  @IsOptional()
  @IsIn(EMOTIONS)
  emotion?: Emotion;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  complainantCount?: number;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
