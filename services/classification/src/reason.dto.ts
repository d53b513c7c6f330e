import { IsText } from '@kesu/platform';

/**
 * The body of a person's change that needs only why (kept with the event): a model rollback, an
 * example taken out of training, a complaint taken out of an incident.
 */
export class ReasonDto {
  @IsText(1, 2000)
  reason!: string;
}
