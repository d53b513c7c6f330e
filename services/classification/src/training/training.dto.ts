import type { Algorithm } from '@kesu/classification-text-model';
import { IsText, PageQuery } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXAMPLE_SOURCES, type ExampleSource } from './training-examples';

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

/** Query of `GET /api/v1/classification/training-examples`. */
export class ExampleListQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  category?: string;

  @IsOptional()
  @IsIn(EXAMPLE_SOURCES)
  source?: ExampleSource;

  /** `true`: the examples taken out of training instead of those that count. */
  @IsOptional()
  @IsIn(['true', 'false'])
  removed?: 'true' | 'false';
}

export class TrainingExampleDto {
  @IsText(1, 5000)
  text!: string;

  @IsString()
  @Length(1, 200)
  category!: string;
}

/** Most examples one import takes. */
export const MAX_EXAMPLES_PER_CALL = 5000;

/** `POST /api/v1/classification/training-examples`. */
export class ImportExamplesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXAMPLES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => TrainingExampleDto)
  examples!: TrainingExampleDto[];
}
