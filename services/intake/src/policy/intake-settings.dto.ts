import { type Language, SUBJECT_TYPES, type SubjectType } from '@kesu/intake-contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { HasVisibleText } from '@kesu/platform';
import { PERSONAL_MENTION_KINDS, type PersonalMentionKind } from '@kesu/text';
import { Trim } from '../registration/validators';

/*
 * The shape of a policy change; the values' bounds (time zone, windows, thresholds, terms) are the
 * intake policy decider's to check, so every way of changing a policy answers the same.
 */

export class ScopeListDto {
  /** Subject types the tenant handles (all when absent). */
  @IsOptional()
  @IsArray()
  @IsIn(SUBJECT_TYPES, { each: true })
  subjectTypes?: SubjectType[];

  /** Terms that mark a matter the tenant does not handle; each is trimmed. */
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((term) => (typeof term === 'string' ? term.trim() : term)) : value,
  )
  @IsArray()
  @IsString({ each: true })
  outOfScopeTerms!: string[];
}

export class ContactDto implements Record<Language, string> {
  @Trim()
  @IsString()
  @HasVisibleText()
  zh!: string;

  @Trim()
  @IsString()
  @HasVisibleText()
  en!: string;
}

/** Body of `PUT /api/v1/intake/settings`: the whole policy after the change, and why. */
export class PutIntakeSettingsDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeListDto)
  scope!: ScopeListDto;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  acknowledgeWithinHours!: number;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  duplicateWindowDays!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  similarityThreshold!: number;

  @Trim()
  @IsString()
  timeZone!: string;

  /** Days personal data is kept after a person's complaints all ended; absent, the retention in force stays. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  personalDataRetentionDays?: number;
  /** The kinds of free-text mentions that are personal data (absent: phone, email, id_card). */
  @IsOptional()
  @IsArray()
  @IsIn(PERSONAL_MENTION_KINDS, { each: true })
  personalMentions?: readonly PersonalMentionKind[];

  /** Why the policy changes, kept with the change. */
  @Trim()
  @IsString()
  @HasVisibleText()
  reason!: string;
}
