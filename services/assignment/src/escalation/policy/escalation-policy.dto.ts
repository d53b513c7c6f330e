import { IsText } from '@kesu/platform';
import { IsArray, IsDefined, IsObject, IsString } from 'class-validator';

/**
 * Body of `PUT /api/v1/assignments/escalation-policy`: the whole policy after the change, and why.
 * Its shape here; every value (levels, triggers, deadlines, steps) is the policy decider's to check,
 * naming each bad field by its path (`rules.2.level`).
 */
export class PutEscalationPolicyDto {
  @IsString()
  timeZone!: string;

  @IsDefined()
  @IsObject()
  levelRoles!: Record<string, unknown>;

  @IsArray()
  rules!: unknown[];

  @IsDefined()
  @IsObject()
  incidentPlan!: Record<string, unknown>;

  /** Why the policy changes, kept with the change. */
  @IsText(1, 500)
  reason!: string;
}
