import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { MAX_ERASURE_REASON_LENGTH } from '@kesu/intake-domain';
import { IsText } from '@kesu/platform';
import { IsTelephoneNumber, Trim } from '../registration/validators';

/** The most complaint ids one request names. */
export const MAX_COMPLAINT_IDS = 100;

/**
 * A data subject as an administrator names them: any of the identifiers they gave (as a complainant
 * gives them) and ids of complaints of theirs; at least one. In the body, never in the URL, so that
 * no access log holds them.
 */
export class DataSubjectDto {
  @IsOptional()
  @Trim()
  @IsString()
  @IsTelephoneNumber()
  phone?: string;

  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  customerId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMPLAINT_IDS)
  @IsUUID('all', { each: true })
  complaintIds?: string[];
}

/** Body of `POST /api/v1/privacy/erasure-requests`: the person, and why their data is erased. */
export class ErasureRequestDto extends DataSubjectDto {
  @Trim()
  @IsText(1, MAX_ERASURE_REASON_LENGTH, {
    message: `reason must be 1 to ${MAX_ERASURE_REASON_LENGTH} characters, not blank`,
  })
  reason!: string;
}

/** Body of `POST /api/v1/privacy/access-requests`: the person whose data is exported. */
export class AccessRequestDto extends DataSubjectDto {}
