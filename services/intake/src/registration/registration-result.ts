import { type ComplaintReceivedData, type IntakeEvent, type IntakePolicy } from '@kesu/intake-contracts';
import {
  acknowledgementMessage,
  type ComplaintRef,
  registrationOutcome,
  type RegistrationOutcome,
} from '@kesu/intake-domain';
import { DateTime } from 'luxon';

/** The answer to `POST /api/v1/complaints`. */
export interface RegistrationResult {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: RegistrationOutcome['status'];
  /** The open complaint this one was merged into (`merged`). */
  readonly duplicateOf?: ComplaintRef;
  /** The ended complaint this one repeats. */
  readonly repeatOf?: ComplaintRef;
  readonly acknowledgement: { readonly message: string; readonly respondBy: string };
}

/**
 * The answer, read from the events the registration recorded (so a replay answers the same): the
 * outcome and the acknowledgement in the customer's language, with the deadline in the tenant's
 * time zone and the tenant's contact.
 */
export function registrationResult(events: readonly IntakeEvent[], policy: IntakePolicy): RegistrationResult {
  const data = events[0]!.data as ComplaintReceivedData;
  const { respondBy } = data.acknowledgement;
  const outcome = registrationOutcome(events);
  const message = acknowledgementMessage({
    language: data.language,
    reference: data.reference,
    respondBy,
    timeZone: policy.timeZone,
    contact: policy.contact[data.language],
    outcome,
  });
  return {
    complaintId: data.complaintId,
    reference: data.reference,
    status: outcome.status,
    ...(outcome.duplicateOf ? { duplicateOf: outcome.duplicateOf } : {}),
    ...(outcome.repeatOf ? { repeatOf: outcome.repeatOf } : {}),
    acknowledgement: { message, respondBy: DateTime.fromISO(respondBy).setZone(policy.timeZone).toISO()! },
  };
}
