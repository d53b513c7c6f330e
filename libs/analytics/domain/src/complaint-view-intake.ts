import { type ComplaintReceivedData, type IntakeEvent, type RecordCorrections } from '@kesu/intake-contracts';
import { assertNever, type RecordedEvent } from '@kesu/kernel';
import { DEFAULT_PERSONAL_MENTIONS } from '@kesu/text';
import { type ComplaintView, withSearchTokens } from './complaint-view';

// ---------------------------------------------------------------- the fold of intake's events

/** The view a complaint's registration starts: received, nothing decided yet. */
export function receivedView(data: ComplaintReceivedData, event: RecordedEvent): ComplaintView {
  const view: Omit<ComplaintView, 'searchTokens' | 'personalSearchTokens'> = {
    _id: data.complaintId,
    complaintId: data.complaintId,
    tenantId: event.tenantId,
    reference: data.reference,
    status: 'received',
    channel: data.channel,
    channelDetails: data.channelDetails ?? null,
    branchId: data.branchId,
    receivedAt: data.receivedAt,
    complainant: data.complainant,
    subject: data.subject,
    description: data.description,
    occurredAt: data.occurredAt ?? null,
    location: data.location ?? null,
    expectedRemedy: data.expectedRemedy ?? null,
    emotion: data.emotion ?? null,
    complainantCount: data.complainantCount,
    language: data.language,
    confirmed: false,
    confirmedAt: null,
    acceptedAt: null,
    resolution: null,
    rejection: null,
    appeal: null,
    withdrawal: null,
    duplicateOf: null,
    duplicates: [],
    repeatOf: null,
    classification: null,
    collectiveIncident: null,
    assignment: null,
    escalation: null,
    incidentPlan: null,
    sla: { respondBy: data.acknowledgement.respondBy, resolveBy: null, state: 'on_track' },
    satisfaction: null,
    followUp: null,
    personalMentions: data.personalMentions ?? DEFAULT_PERSONAL_MENTIONS,
    intakeRevision: event.revision,
    eventCount: 1,
    updatedAt: event.recordedAt,
  };
  return withSearchTokens(view);
}

/** One of intake's events after the registration: what intake decided about the complaint since. */
export function applyIntake(
  view: ComplaintView,
  event: Exclude<IntakeEvent, { type: 'ComplaintReceived' }>,
): ComplaintView {
  switch (event.type) {
    case 'RecordConfirmed':
      return { ...view, confirmed: true, confirmedAt: event.data.confirmedAt };
    case 'RecordCorrected': {
      const corrected = { ...view, ...corrections(event.data.corrections) };
      return withSearchTokens({ ...corrected, confirmed: true, confirmedAt: event.data.correctedAt });
    }
    case 'ComplaintResolvedOnTheSpot': {
      const { remedy, resolvedAt } = event.data;
      return { ...view, status: 'resolved_on_the_spot', resolution: { onTheSpot: true, remedy, resolvedAt } };
    }
    case 'ComplaintAccepted':
      return { ...view, status: 'accepted', acceptedAt: event.data.acceptedAt };
    case 'ComplaintRejected': {
      const { reason, explanation, automatic, rejectedAt } = event.data;
      return { ...view, status: 'rejected', rejection: { reason, explanation, automatic, rejectedAt } };
    }
    case 'RejectionAppealed':
      return {
        ...view,
        status: 'appealed',
        appeal: { grounds: event.data.grounds, appealedAt: event.data.appealedAt },
      };
    case 'AppealDecided': {
      const { outcome, explanation, decidedAt } = event.data;
      const overturned = outcome === 'overturned';
      return {
        ...view,
        status: overturned ? 'accepted' : 'rejected',
        acceptedAt: overturned ? decidedAt : view.acceptedAt,
        appeal: view.appeal && { ...view.appeal, outcome, explanation, decidedAt },
      };
    }
    case 'ComplaintWithdrawn':
      return {
        ...view,
        status: 'withdrawn',
        withdrawal: { reason: event.data.reason, withdrawnAt: event.data.withdrawnAt },
      };
    case 'ComplaintMergedAsDuplicate':
      return {
        ...view,
        status: 'merged',
        duplicateOf: { complaintId: event.data.duplicateOf, reference: event.data.duplicateOfReference },
      };
    case 'DuplicateLinked': {
      const id = event.data.duplicateComplaintId;
      return view.duplicates.includes(id) ? view : { ...view, duplicates: [...view.duplicates, id] };
    }
    case 'RepeatComplaintFlagged':
      return {
        ...view,
        repeatOf: { complaintId: event.data.repeatOf, reference: event.data.repeatOfReference },
      };
    default:
      return assertNever(event);
  }
}

/** What a read-back may correct (RecordCorrections); anything else in the event is left alone. */
const CORRECTABLE = [
  'complainant',
  'subject',
  'description',
  'occurredAt',
  'location',
  'expectedRemedy',
  'emotion',
  'complainantCount',
] as const satisfies ReadonlyArray<keyof RecordCorrections>;

/** The corrected fields that were given; a field left out keeps its value. */
function corrections(given: RecordCorrections): RecordCorrections {
  return Object.fromEntries(
    CORRECTABLE.filter((field) => given[field] !== undefined).map((field) => [field, given[field]]),
  ) as RecordCorrections;
}
