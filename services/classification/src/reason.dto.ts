import { IsString, Length, Matches } from 'class-validator';

/**
 * The body of a person's change that needs only why (kept with the event): a model rollback, an
 * example taken out of training, a complaint taken out of an incident.
 */
export class ReasonDto {
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
