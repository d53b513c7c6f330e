import {
  CHANNELS,
  type Channel,
  EMOTIONS,
  type Emotion,
  LANGUAGES,
  type Language,
  SUBJECT_TYPES,
  type SubjectType,
} from '@kesu/intake-contracts';
import { IsInstant, IsOrgUnitId, IsText } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CHANNELS_REQUIRING_DETAILS, channelDetailsType } from './channel-details.dto';
import { IsTelephoneNumber, Requires, Trim } from './validators';

export class ComplainantDto {
  @Trim()
  @IsText(1, 100, { message: 'name must be 1 to 100 characters, not blank' })
  name!: string;

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
  @IsText(1, 64)
  customerId?: string;
}

export class SubjectDto {
  @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @IsOptional()
  @Trim()
  @IsText(1, 200)
  name?: string;
}

export class ResolvedOnTheSpotDto {
  /** What was done for the customer at first contact (apology, explanation, refund…). */
  @Trim()
  @IsText(1, 2000, { message: 'remedy must be 1 to 2000 characters, not blank' })
  remedy!: string;
}

/**
 * Channels on which we answer the complainant ourselves, so the complaint needs a way back to them
 * (phone, e-mail or customer id; on social media the account will do). A government order, a media
 * report or a superior department's transfer is answered through whoever passed it on; a walk-in
 * visitor is told in person; an anonymous letter (匿名信) is still a complaint to investigate.
 */
export const CHANNELS_REQUIRING_CONTACT: readonly Channel[] = ['hotline', 'web', 'email', 'social_media'];

function reachable(complainant: unknown, body: Record<string, unknown>): boolean {
  if (complainant === null || typeof complainant !== 'object') return true;
  const channel = body.channel as Channel;
  if (!CHANNELS_REQUIRING_CONTACT.includes(channel)) return true;
  const { phone, email, customerId } = complainant as ComplainantDto;
  const account = (body.channelDetails as { account?: unknown } | undefined)?.account;
  return Boolean(phone || email || customerId || (channel === 'social_media' && account));
}

/** Body of `POST /api/v1/complaints` (api.md); every text field is trimmed before it is checked. */
export class RegisterComplaintDto {
  @IsIn(CHANNELS)
  channel!: Channel;

  /** The channel's own fields: required for government and superior transfers, media, walk-ins and letters. */
  @ValidateIf(
    (body: RegisterComplaintDto) =>
      CHANNELS.includes(body.channel) &&
      (body.channelDetails !== undefined || CHANNELS_REQUIRING_DETAILS.includes(body.channel)),
  )
  @IsDefined({
    message: ({ object }) =>
      `channelDetails are required for channel ${(object as RegisterComplaintDto).channel}`,
  })
  @IsObject()
  @ValidateNested()
  @Type(channelDetailsType)
  channelDetails?: object;

  @IsOrgUnitId()
  branchId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplainantDto)
  @Requires(
    'reachable',
    reachable,
    ({ object }) =>
      `complainant needs a phone, email or customerId on channel ${(object as RegisterComplaintDto).channel}`,
  )
  complainant!: ComplainantDto;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject!: SubjectDto;

  @Trim()
  @IsText(1, 5000, { message: 'description must be 1 to 5000 characters, not blank' })
  description!: string;

  /** When it happened; not after receipt (checked against the clock on receipt). */
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @IsOptional()
  @Trim()
  @IsText(1, 500)
  location?: string;

  @IsOptional()
  @Trim()
  @IsText(1, 2000)
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

  /** Resolved at first contact (当场处理): registered and resolved in one step. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResolvedOnTheSpotDto)
  resolvedOnTheSpot?: ResolvedOnTheSpotDto;
}
