import { EMOTIONS, type Emotion, type RejectionReason } from '@kesu/intake-contracts';
import { APPEAL_OUTCOMES, type AppealOutcome, MANUAL_REJECTION_REASONS } from '@kesu/intake-domain';
import { IsInstant, IsText } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsObject,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ComplainantDto, SubjectDto } from '../registration/register-complaint.dto';

/** May be left out, but is never `null` (a correction to nothing is no correction). */
function Omittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Free text of 1–2000 characters with at least one visible character. */
const Text = (): PropertyDecorator => IsText(1, 2000);

/**
 * What the complainant corrected when the record was read back: any of registration's fields
 * about the matter, validated as registration validates them. `complainant` replaces the
 * complainant's details as a whole.
 */
export class RecordCorrectionsDto {
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant?: ComplainantDto;

  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject?: SubjectDto;

  @Omittable()
  @IsText(1, 5000)
  description?: string;

  @Omittable()
  @IsInstant()
  occurredAt?: string;

  @Omittable()
  @IsText(1, 500)
  location?: string;

  @Omittable()
  @IsText(1, 2000)
  expectedRemedy?: string;

  @Omittable()
  @IsIn(EMOTIONS)
  emotion?: Emotion;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  complainantCount?: number;
}

/** Body of `POST …/{id}/confirmations`: without corrections the record is confirmed as it stands. */
export class ConfirmRecordDto {
  @Omittable()
  @IsNotEmptyObject({ nullable: false }, { message: 'corrections must correct at least one field' })
  @ValidateNested()
  @Type(() => RecordCorrectionsDto)
  corrections?: RecordCorrectionsDto;
}

/** Body of `POST …/{id}/accept`. */
export class AcceptComplaintDto {
  @Omittable()
  @IsText(1, 2000)
  note?: string;
}

/** Body of `POST …/{id}/reject`. */
export class RejectComplaintDto {
  @IsDefined()
  @IsIn(MANUAL_REJECTION_REASONS)
  reason!: Exclude<RejectionReason, 'withdrawn'>;

  /** Sent to the customer. */
  @Text()
  explanation!: string;
}

/** Body of `POST …/{id}/appeals`. */
export class AppealRejectionDto {
  @Text()
  grounds!: string;
}

/** Body of `POST …/{id}/appeals/decision`. */
export class DecideAppealDto {
  @IsDefined()
  @IsIn(APPEAL_OUTCOMES)
  outcome!: AppealOutcome;

  /** Sent to the customer. */
  @Text()
  explanation!: string;
}

/** Body of `POST …/{id}/withdraw`. */
export class WithdrawComplaintDto {
  @Text()
  reason!: string;
}
