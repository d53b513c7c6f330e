import type { Algorithm } from '@kesu/classification-domain';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const ALGORITHMS: readonly Algorithm[] = ['linear-svm', 'softmax', 'naive-bayes'];

/**
 * `POST /api/v1/classification/models` (body optional): the candidate's options; those not given
 * are the defaults. The active model's own options, retrained on the same part, are its baseline.
 */
export class TrainModelDto {
  @IsOptional()
  @IsIn(ALGORITHMS)
  algorithm?: Algorithm;

  /** linear-svm: inverse regularisation strength. */
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(1000)
  c?: number;

  /** naive-bayes: additive smoothing. */
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(1000)
  alpha?: number;
}

/** `POST /api/v1/classification/models/{version}/activation`: why an earlier version classifies again. */
export class ActivateModelDto {
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
