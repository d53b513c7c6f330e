import { type ComplaintReceivedData, type IntakeEvent, type IntakePolicy } from '@kesu/intake-contracts';
import {
  acknowledgementMessage,
  type ComplaintRef,
  type HandlingUnit,
  outcomeWithinScope,
  registrationOutcome,
  type RegistrationOutcome,
} from '@kesu/intake-domain';
import { DateTime } from 'luxon';

/** Where the customer is referred for a complaint the caller may not see: the unit, by name. */
export interface ElsewhereRef {
  readonly branchId: string;
  readonly branchName: HandlingUnit['name'];
}

/** The answer to `POST /api/v1/complaints`. */
export interface RegistrationResult {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: RegistrationOutcome['status'];
  /** The open complaint this one was merged into (`merged`), when it lies in the caller's scope. */
  readonly duplicateOf?: ComplaintRef;
  /** The ended complaint this one repeats, when it lies in the caller's scope. */
  readonly repeatOf?: ComplaintRef;
  /** Instead of `duplicateOf`, outside the caller's scope: the unit handling it, nothing of the complaint. */
  readonly duplicateElsewhere?: ElsewhereRef;
  /** Instead of `repeatOf`, outside the caller's scope: the unit that handled it. */
  readonly repeatElsewhere?: ElsewhereRef;
  readonly acknowledgement: { readonly message: string; readonly respondBy: string };
}

/** The earlier complaints a registration links to: what `linkedComplaints` must be told about. */
export function linkedComplaintIds(events: readonly IntakeEvent[]): string[] {
  const { duplicateOf, repeatOf } = registrationOutcome(events);
  return [duplicateOf?.complaintId, repeatOf?.complaintId].filter((id): id is string => id !== undefined);
}

/**
 * The answer, read from the events the registration recorded (so a replay answers the same): the
 * outcome and the acknowledgement in the customer's language, with the deadline in the tenant's
 * time zone and the tenant's contact. An earlier complaint outside the caller's scope (in
 * `outside`) is named only by the unit handling it, in the answer and in the message alike.
 */
export function registrationResult(
  events: readonly IntakeEvent[],
  policy: IntakePolicy,
  outside: ReadonlyMap<string, HandlingUnit> = new Map(),
): RegistrationResult {
  const data = events[0]!.data as ComplaintReceivedData;
  const { respondBy } = data.acknowledgement;
  const outcome = outcomeWithinScope(registrationOutcome(events), outside);
  const message = acknowledgementMessage({
    language: data.language,
    reference: data.reference,
    respondBy,
    timeZone: policy.timeZone,
    contact: policy.contact[data.language],
    outcome,
  });
  const elsewhere = (unit: HandlingUnit): ElsewhereRef => ({ branchId: unit.unitId, branchName: unit.name });
  return {
    complaintId: data.complaintId,
    reference: data.reference,
    status: outcome.status,
    ...(outcome.duplicateOf ? { duplicateOf: outcome.duplicateOf } : {}),
    ...(outcome.repeatOf ? { repeatOf: outcome.repeatOf } : {}),
    ...(outcome.duplicateElsewhere ? { duplicateElsewhere: elsewhere(outcome.duplicateElsewhere) } : {}),
    ...(outcome.repeatElsewhere ? { repeatElsewhere: elsewhere(outcome.repeatElsewhere) } : {}),
    acknowledgement: { message, respondBy: DateTime.fromISO(respondBy).setZone(policy.timeZone).toISO()! },
  };
}
