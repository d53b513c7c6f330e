import { IsText } from '@kesu/platform';
import { IsArray, IsDefined, IsNumber, IsObject, IsOptional, IsString } from 'class-validator';

/**
 * Body of `PUT /api/v1/sla/policy`: the whole policy after the change. Its shape here; every value
 * (packs, milestones, durations, the calendar) is the settings decider's to check, each bad field
 * named by its path.
 */
export class PutSlaPolicyDto {
  @IsString()
  defaultPackId!: string;

  @IsArray()
  selections!: unknown[];

  @IsArray()
  overrides!: unknown[];

  @IsOptional()
  @IsNumber()
  warningThreshold?: number;

  @IsOptional()
  @IsObject()
  calendar?: Record<string, unknown>;
}

/** Body of `PUT /api/v1/sla/calendars/{year}`: the official notice of a year as data. */
export class PutSlaCalendarDto {
  @IsDefined()
  @IsArray()
  @IsString({ each: true })
  holidays!: string[];

  @IsDefined()
  @IsArray()
  @IsString({ each: true })
  workdays!: string[];

  /** Where the days come from (the notice's title or number). */
  @IsText(1, 300)
  source!: string;
}
