import { type Channel, type ChannelDetails, CHANNELS } from '@kesu/intake-contracts';
import { IsInstant, IsText } from '@kesu/platform';
import type { TypeHelpOptions } from 'class-transformer';
import { IsDefined, IsEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsAfter, IsCalendarDate, Trim } from './validators';

/*
 * The channel's own fields (`channelDetails`), one class per channel: the validation pipe rejects
 * every field the channel's class does not declare, naming it (`channelDetails.outlet`).
 */

/** 12345 市长热线 and 12315: the government work order, when it came, and the deadline it set. */
export class GovernmentTransferDetailsDto {
  @IsDefined()
  @Trim()
  @IsText(1, 64)
  externalOrderNo!: string;

  /** When the government platform transferred the order (not in the future: checked on receipt). */
  @IsDefined()
  @IsInstant()
  transferredAt!: string;

  @IsDefined()
  @IsInstant()
  @IsAfter('transferredAt')
  governmentDeadline!: string;
}

/** 网络媒体曝光: where it was published. */
export class MediaDetailsDto {
  @IsDefined()
  @Trim()
  @IsText(1, 200)
  outlet!: string;

  @IsDefined()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'link must be an http or https URL' },
  )
  link!: string;
}

export class WalkInDetailsDto {
  /** The service hall or counter that received the visitor. */
  @IsDefined()
  @Trim()
  @IsText(1, 200)
  receptionPoint!: string;
}

export class LetterDetailsDto {
  /** The day the letter arrived, in the tenant's time zone (not in the future: checked on receipt). */
  @IsDefined()
  @IsCalendarDate()
  letterReceivedOn!: string;
}

/** 上级部门转办: the superior department, and its reference when it gave one. */
export class TransferDetailsDto {
  @IsDefined()
  @Trim()
  @IsText(1, 200)
  fromOrganisation!: string;

  @IsOptional()
  @Trim()
  @IsText(1, 64)
  externalOrderNo?: string;
}

export class SocialMediaDetailsDto {
  @IsOptional()
  @Trim()
  @IsText(1, 100)
  platform?: string;

  /** The complainant's account: the way back to them when no other contact is given. */
  @IsOptional()
  @Trim()
  @IsText(1, 200)
  account?: string;
}

/** Hotline, web and e-mail bring no details of their own: every field sent is named as not belonging. */
export class NoChannelDetailsDto {
  /** Declared only so the validator checks the object's fields (a class without rules is refused whole). */
  @IsEmpty()
  private readonly none?: never;
}

const DETAILS: Readonly<Record<Channel, new () => object>> = {
  hotline: NoChannelDetailsDto,
  web: NoChannelDetailsDto,
  email: NoChannelDetailsDto,
  walk_in: WalkInDetailsDto,
  letter: LetterDetailsDto,
  social_media: SocialMediaDetailsDto,
  gov_hotline_12345: GovernmentTransferDetailsDto,
  gov_12315: GovernmentTransferDetailsDto,
  media: MediaDetailsDto,
  transfer: TransferDetailsDto,
};

/** Channels whose complaints cannot be registered without their details. */
export const CHANNELS_REQUIRING_DETAILS: readonly Channel[] = CHANNELS.filter(
  (channel) => !['hotline', 'web', 'email', 'social_media'].includes(channel),
);

/** The details class of the body's channel (class-transformer `@Type`); an unknown channel is reported on its own. */
export function channelDetailsType(options?: TypeHelpOptions): new () => object {
  const channel = (options?.object as { channel?: unknown } | undefined)?.channel;
  return DETAILS[channel as Channel] ?? SocialMediaDetailsDto;
}

/** The details as recorded: the declared fields that were given, nothing else; undefined when none. */
export function recordedChannelDetails(details: object | undefined): ChannelDetails | undefined {
  if (!details) return undefined;
  const fields = [
    'externalOrderNo',
    'transferredAt',
    'governmentDeadline',
    'outlet',
    'link',
    'receptionPoint',
    'letterReceivedOn',
    'fromOrganisation',
    'platform',
    'account',
  ] as const;
  const given = fields.filter((field) => (details as ChannelDetails)[field] !== undefined);
  if (given.length === 0) return undefined;
  return Object.fromEntries(
    given.map((field) => [field, (details as ChannelDetails)[field]]),
  ) as ChannelDetails;
}
