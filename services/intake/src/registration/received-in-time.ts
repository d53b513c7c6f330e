import { InvalidInputError } from '@kesu/kernel';
import { DateTime } from 'luxon';
import type { RegisterComplaintDto } from './register-complaint.dto';

/**
 * Checks against the clock what the validation pipe cannot: nothing the body dates happened after
 * its receipt — the incident, a government transfer, a letter's arrival (a calendar day in the
 * tenant's time zone). Every offending field is named.
 */
export function assertNothingInFuture(body: RegisterComplaintDto, now: Date, timeZone: string): void {
  const details = (body.channelDetails ?? {}) as { transferredAt?: string; letterReceivedOn?: string };
  const after = (instant: string | undefined) => instant !== undefined && Date.parse(instant) > now.getTime();
  const today = DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
  const errors = [
    ...(after(body.occurredAt)
      ? [{ field: 'occurredAt', message: 'occurredAt must not lie in the future' }]
      : []),
    ...(after(details.transferredAt)
      ? [{ field: 'channelDetails.transferredAt', message: 'transferredAt must not lie in the future' }]
      : []),
    ...(details.letterReceivedOn !== undefined && details.letterReceivedOn > today
      ? [
          {
            field: 'channelDetails.letterReceivedOn',
            message: `letterReceivedOn must not lie after today (${today})`,
          },
        ]
      : []),
  ];
  if (errors.length > 0) throw new InvalidInputError(errors);
}
