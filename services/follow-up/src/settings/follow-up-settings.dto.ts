import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FollowUpSettings } from '@kesu/follow-up-contracts';
import { IsText } from '@kesu/platform';

const HOURS_IN_A_YEAR = 24 * 366;

/** Body of `PUT /api/v1/follow-up/settings`: the windows and rhythm, in hours. */
export class PutFollowUpSettingsDto implements FollowUpSettings {
  @IsInt() @Min(1) @Max(HOURS_IN_A_YEAR) callbackDueHours!: number;
  @IsInt() @Min(1) @Max(HOURS_IN_A_YEAR) objectionWindowHours!: number;
  @IsInt() @Min(1) @Max(20) callbackMaxAttempts!: number;
  @IsInt() @Min(1) @Max(HOURS_IN_A_YEAR) reReviewRequestHours!: number;
  @IsInt() @Min(1) @Max(HOURS_IN_A_YEAR) reReviewAnswerHours!: number;
  @IsInt() @Min(1) @Max(HOURS_IN_A_YEAR) surveyLinkHours!: number;
  /** 0: no progress updates. */
  @IsInt() @Min(0) @Max(HOURS_IN_A_YEAR) progressUpdateHours!: number;
  /** Working days of the tenant's calendar: each, when given, wins over its window in hours. */
  @IsOptional() @IsInt() @Min(1) @Max(366) callbackDueWorkingDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(366) reReviewRequestWorkingDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(366) reReviewAnswerWorkingDays?: number;
}

/** Body of `PUT /api/v1/follow-up/templates/{kind}/{language}`: `{{variable}}` placeholders. */
export class PutTemplateDto {
  @IsText(1, 200) subject!: string;
  @IsText(1, 4000) text!: string;
}

/** Body of the preview: a draft to render, or nothing for the template in use. */
export class PreviewTemplateDto {
  @IsOptional() @IsText(1, 200) subject?: string;
  @IsOptional() @IsText(1, 4000) text?: string;
}
