import {
  type ComplaintReceivedData,
  type IntakeEvent,
  type IntakeStatus,
  type Language,
} from '@kesu/intake-contracts';
import { DomainRuleViolation } from '@kesu/kernel';
import type { IntakeState } from './complaint';
import { checkScope, notInScopeExplanation, type ScopeList } from './scope';

/** Default acknowledgement limit: the customer hears from us within 24 hours (seeds 002, 004). */
export const ACKNOWLEDGE_WITHIN_HOURS = 24;

/** Statuses in which a complaint is still being handled: a new one about the same matter is a duplicate. */
export const OPEN_INTAKE_STATUSES: readonly IntakeStatus[] = ['received', 'accepted', 'appealed'];

/** The same complainant's earlier complaint about the same subject with a similar description. */
export interface SameMatter {
  readonly complaintId: string;
  readonly reference: string;
  /** Still being handled (received, accepted, appealed) rather than ended. */
  readonly open: boolean;
  /** Text similarity of the two descriptions, 0–1. */
  readonly similarity: number;
}

export interface RegisterComplaint extends Omit<
  ComplaintReceivedData,
  'complainantCount' | 'acknowledgement'
> {
  readonly type: 'RegisterComplaint';
  /** How many people complain together (default 1). */
  readonly complainantCount?: number;
  /** The acknowledgement limit of the policy in force (default ACKNOWLEDGE_WITHIN_HOURS). */
  readonly acknowledgeWithinHours?: number;
  /** The agent resolved it at first contact (当场处理) with this remedy. */
  readonly resolvedOnTheSpot?: { readonly remedy: string };
  /** The tenant's scope list in force (none: every matter is within scope). */
  readonly scope?: ScopeList;
  /** The complainant's earlier complaint about the same matter, found by the duplicate check. */
  readonly sameMatter?: SameMatter;
}

/**
 * Registers a complaint and, in the same decision, applies the tenant's policy and what the
 * duplicate check found:
 * 1. resolved on the spot — a fact of the first contact, recorded as it happened (an earlier,
 *    ended complaint about the same matter still flags it as a repeat);
 * 2. outside the tenant's scope list (`checkScope`) — rejected automatically, with the reason in
 *    the customer's language;
 * 3. the same matter is still open — merged into it as a duplicate;
 * 4. the same matter was ended — a new complaint, flagged as a repeat.
 */
export function decideRegistration(command: RegisterComplaint, state: IntakeState): IntakeEvent[] {
  if (state.status !== 'none') {
    throw new DomainRuleViolation(
      'complaint.already_registered',
      `complaint ${state.reference} is already registered`,
    );
  }
  if (command.occurredAt && Date.parse(command.occurredAt) > Date.parse(command.receivedAt)) {
    throw new DomainRuleViolation(
      'complaint.occurred_in_future',
      'occurredAt lies after the complaint was received',
    );
  }
  const {
    type: _type,
    acknowledgeWithinHours,
    complainantCount,
    resolvedOnTheSpot,
    scope,
    sameMatter,
    ...details
  } = command;
  const { complaintId, receivedAt: at } = command;
  const hours = acknowledgeWithinHours ?? ACKNOWLEDGE_WITHIN_HOURS;
  const respondBy = new Date(Date.parse(at) + hours * 3_600_000).toISOString();
  const data: ComplaintReceivedData = {
    ...details,
    complainantCount: complainantCount ?? 1,
    acknowledgement: { respondBy },
  };
  const received: IntakeEvent = { type: 'ComplaintReceived', data };
  const repeat: IntakeEvent[] =
    sameMatter && !sameMatter.open
      ? [
          {
            type: 'RepeatComplaintFlagged',
            data: {
              complaintId,
              repeatOf: sameMatter.complaintId,
              repeatOfReference: sameMatter.reference,
              similarity: sameMatter.similarity,
              flaggedAt: at,
            },
          },
        ]
      : [];
  if (resolvedOnTheSpot) {
    return [
      received,
      ...repeat,
      {
        type: 'ComplaintResolvedOnTheSpot',
        data: { complaintId, remedy: resolvedOnTheSpot.remedy, resolvedAt: at },
      },
    ];
  }
  const outOfScope = scope ? checkScope(scope, command) : null;
  if (outOfScope) {
    const explanation = notInScopeExplanation(command.language, outOfScope);
    return [
      received,
      {
        type: 'ComplaintRejected',
        data: { complaintId, reason: 'not_in_scope', explanation, automatic: true, rejectedAt: at },
      },
    ];
  }
  if (sameMatter?.open) {
    return [
      received,
      {
        type: 'ComplaintMergedAsDuplicate',
        data: {
          complaintId,
          duplicateOf: sameMatter.complaintId,
          duplicateOfReference: sameMatter.reference,
          similarity: sameMatter.similarity,
          mergedAt: at,
        },
      },
    ];
  }
  return [received, ...repeat];
}

/** A complaint named to the customer: its id and the reference they know it by. */
export interface ComplaintRef {
  readonly complaintId: string;
  readonly reference: string;
}

/** Where a registration left the complaint, as the customer is told. */
export interface RegistrationOutcome {
  readonly status: 'received' | 'resolved_on_the_spot' | 'rejected' | 'merged';
  /** The remedy given on the spot (`resolved_on_the_spot`). */
  readonly remedy?: string;
  /** The reasoned answer to an automatic rejection (`rejected`). */
  readonly explanation?: string;
  /** The open complaint this one was merged into (`merged`). */
  readonly duplicateOf?: ComplaintRef;
  /** The ended complaint this one repeats. */
  readonly repeatOf?: ComplaintRef;
  /** Instead of `duplicateOf` when it lies outside the caller's scope: the unit handling it. */
  readonly duplicateElsewhere?: HandlingUnit;
  /** Instead of `repeatOf` when it lies outside the caller's scope: the unit that handled it. */
  readonly repeatElsewhere?: HandlingUnit;
}

/** The org unit that handles a complaint, by id and by the name the customer is referred to. */
export interface HandlingUnit {
  readonly unitId: string;
  readonly name: Readonly<Record<Language, string>>;
}

/**
 * The outcome as a caller may see it: an earlier complaint that lies outside their scope (in
 * `outside`, with the unit handling it) is named only by that unit — never by its id, reference or
 * status — so the customer can be referred there without revealing what the caller may not see.
 */
export function outcomeWithinScope(
  outcome: RegistrationOutcome,
  outside: ReadonlyMap<string, HandlingUnit>,
): RegistrationOutcome {
  const { duplicateOf, repeatOf, ...rest } = outcome;
  const duplicateElsewhere = duplicateOf && outside.get(duplicateOf.complaintId);
  const repeatElsewhere = repeatOf && outside.get(repeatOf.complaintId);
  return {
    ...rest,
    ...(duplicateElsewhere ? { duplicateElsewhere } : duplicateOf && { duplicateOf }),
    ...(repeatElsewhere ? { repeatElsewhere } : repeatOf && { repeatOf }),
  };
}

/** The outcome of a registration, read from the events it recorded. */
export function registrationOutcome(events: readonly IntakeEvent[]): RegistrationOutcome {
  let outcome: RegistrationOutcome = { status: 'received' };
  for (const { type, data } of events) {
    if (type === 'ComplaintResolvedOnTheSpot') {
      outcome = { ...outcome, status: 'resolved_on_the_spot', remedy: data.remedy };
    } else if (type === 'ComplaintRejected') {
      outcome = { ...outcome, status: 'rejected', explanation: data.explanation };
    } else if (type === 'ComplaintMergedAsDuplicate') {
      const duplicateOf = { complaintId: data.duplicateOf, reference: data.duplicateOfReference };
      outcome = { ...outcome, status: 'merged', duplicateOf };
    } else if (type === 'RepeatComplaintFlagged') {
      outcome = { ...outcome, repeatOf: { complaintId: data.repeatOf, reference: data.repeatOfReference } };
    }
  }
  return outcome;
}
