import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  type ClosureOutcome,
  REOPEN_REASONS,
  type ReopenReason,
  type ReReviewOutcome,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
} from '@kesu/follow-up-contracts';
import { IsText } from '@kesu/platform';

/** The customer's answer: satisfaction, an optional 1–5 score and comment, whether the remedy arrived. */
export class CustomerAnswerDto {
  @IsIn(SATISFACTION_LEVELS)
  satisfaction!: SatisfactionLevel;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;

  @IsOptional()
  @IsText(1, 2000)
  comment?: string;

  @IsOptional()
  @IsBoolean()
  remedyReceived?: boolean;
}

/** Body of `POST /api/v1/complaints/{id}/surveys`: the callback's outcome (回访). */
export class RecordCallbackDto {
  /** Whether the customer was reached; a try without reaching them counts toward unreachable. */
  @IsBoolean()
  reached!: boolean;

  /** The customer's answer, when reached. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerAnswerDto)
  answer?: CustomerAnswerDto;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** Body of `POST /api/v1/complaints/{id}/reopen`. */
export class ReopenComplaintDto {
  @IsIn(REOPEN_REASONS.filter((r) => r !== 're_review'))
  reason!: Exclude<ReopenReason, 're_review'>;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** Body of `POST /api/v1/complaints/{id}/review-requests` (复查申请). */
export class RequestReReviewDto {
  @IsText(1, 2000)
  reason!: string;
}

/** Body of `POST /api/v1/complaints/{id}/review-decision`. */
export class DecideReReviewDto {
  @IsIn(['upheld', 'changed'])
  outcome!: ReReviewOutcome;

  /** The reviewer's answer; a changed decision names the new remedy here. */
  @IsText(1, 4000)
  explanation!: string;
}

/** Body of `POST /api/v1/complaints/{id}/close` (a supervisor's decision). */
export class CloseComplaintDto {
  @IsIn(['resolved', 'partially_resolved', 'unresolved'])
  outcome!: ClosureOutcome;

  @IsOptional()
  @IsText(1, 4000)
  summary?: string;
}
