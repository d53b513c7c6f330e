import { IsText } from '@kesu/platform';

/** Body of `POST /api/v1/complaints/{id}/escalate`. */
export class EscalateComplaintDto {
  /** Why it goes up: kept in the escalation and sent to the person who receives it. */
  @IsText(1, 2000)
  reason!: string;
}

/** Body of `POST /api/v1/complaints/{id}/escalation/hand-back`. */
export class HandBackEscalationDto {
  /** What the level below is told: what was decided, what they do next. */
  @IsText(1, 2000)
  note!: string;
}
