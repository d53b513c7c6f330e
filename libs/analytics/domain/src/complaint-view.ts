import {
  type ClassificationEvent,
  type CollectiveIncidentDetectedData,
  type CollectiveIncidentEvent,
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
  type EscalationSignal,
  type Nature,
} from '@kesu/classification-contracts';
import {
  type AppealDecidedData,
  type Channel,
  type ChannelDetails,
  type ComplaintReceivedData,
  type Emotion,
  INTAKE_STATUSES,
  type IntakeEvent,
  intakeEventTypes,
  type Language,
  type RecordCorrections,
  type RejectionReason,
  type SealedComplainant,
  type SubjectType,
} from '@kesu/intake-contracts';
import { assertNever, type RecordedEvent } from '@kesu/kernel';
import { documentSearchTokens } from './search-tokens';

// ---------------------------------------------------------------- view

export type Severity = 'minor' | 'general' | 'major' | 'critical';
export type Scope = 'individual' | 'collective';
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';

/** Where a complaint stands; intake's statuses until case work adds its own. */
export const COMPLAINT_STATUSES = [...INTAKE_STATUSES] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const SEVERITIES: readonly Severity[] = ['minor', 'general', 'major', 'critical'];

/** Another complaint this one points to, by id and by the reference people quote. */
export interface ComplaintLink {
  readonly complaintId: string;
  readonly reference: string;
}

export interface Appeal {
  readonly grounds: string;
  readonly appealedAt: string;
  readonly outcome?: AppealDecidedData['outcome'];
  readonly explanation?: string;
  readonly decidedAt?: string;
}

/** How the complaint is classified: the classifier's decision, or a handler's correction of it. */
export interface ClassificationView {
  readonly category: string;
  readonly severity: Severity;
  readonly scope: Scope;
  /** The model's confidence, 0–1; 1 once a person classified it. */
  readonly confidence: number;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  /** The classifier was unsure: a person should classify it. */
  readonly needsHumanReview: boolean;
  readonly departmentId: string | null;
  /** `model` (the classifier decided) or `human` (a handler corrected it). */
  readonly decidedBy: 'model' | 'human';
  readonly classifiedAt: string;
}

/**
 * The collective incident (群体性投诉) the complaint belongs to, handled as one matter; the list's
 * `incidentId` filter opens all its complaints.
 */
export interface CollectiveIncidentMembership {
  readonly incidentId: string;
  /**
   * The incident's complaints and the people they speak for as of the complaint's joining (or the
   * detection); the incident's current totals are in the incident list.
   */
  readonly complaintCount: number;
  readonly complainantCount: number;
  /** When the complaint became part of it: the incident's detection, or its joining later. */
  readonly joinedAt: string;
  /**
   * The revision, in the incident's stream, of the event that made it a member (0: the detection):
   * where a fold of the complaint's history finds it. Not shown.
   */
  readonly revision?: number;
}

/** The current view of one complaint, as analysts and agents read it. */
export interface ComplaintView {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly reference: string;
  readonly status: ComplaintStatus;
  readonly channel: Channel;
  readonly channelDetails: ChannelDetails | null;
  readonly branchId: string;
  readonly receivedAt: string;
  /** The complainant as last (re-)sealed; the originals stay in the history. */
  readonly complainant: SealedComplainant;
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly description: string;
  readonly occurredAt: string | null;
  readonly location: string | null;
  readonly expectedRemedy: string | null;
  readonly emotion: Emotion | null;
  readonly complainantCount: number;
  readonly language: Language;
  /** The complainant confirmed the record read back to them, as it stood or corrected (复述确认). */
  readonly confirmed: boolean;
  readonly confirmedAt: string | null;
  readonly acceptedAt: string | null;
  readonly resolution: {
    readonly onTheSpot: boolean;
    readonly remedy: string;
    readonly resolvedAt: string;
  } | null;
  readonly rejection: {
    readonly reason: RejectionReason;
    readonly explanation: string;
    readonly automatic: boolean;
    readonly rejectedAt: string;
  } | null;
  readonly appeal: Appeal | null;
  readonly withdrawal: { readonly reason: string; readonly withdrawnAt: string } | null;
  /** The open complaint this one was merged into. */
  readonly duplicateOf: ComplaintLink | null;
  /** Ids of later complaints merged into this one. */
  readonly duplicates: readonly string[];
  /** The closed complaint this one repeats. */
  readonly repeatOf: ComplaintLink | null;
  readonly classification: ClassificationView | null;
  readonly collectiveIncident: CollectiveIncidentMembership | null;
  readonly assignment: { readonly departmentId: string | null; readonly assigneeId: string | null } | null;
  readonly sla: { readonly respondBy: string; readonly resolveBy: string | null; readonly state: SlaState };
  readonly satisfaction: string | null;
  /** What `q` finds it by: never personal data (see `searchTokensOf`). */
  readonly searchTokens: readonly string[];
  /** How many events of the complaint's history the view has folded. */
  readonly eventCount: number;
  readonly updatedAt: string;
}

/** Incident events: a detection belongs to the views of its `complaintIds`, a join or a removal to its complaint's. */
const INCIDENT_TYPES: readonly CollectiveIncidentEvent['type'][] = [
  'CollectiveIncidentDetected',
  'ComplaintJoinedCollectiveIncident',
  'ComplaintRemovedFromCollectiveIncident',
];

/** Event types the complaint view folds. */
const CLASSIFICATION_TYPES: readonly ClassificationEvent['type'][] = [
  'ComplaintClassified',
  'ComplaintReclassified',
  ...INCIDENT_TYPES,
];

export const complaintViewHandles: readonly string[] = [
  ...intakeEventTypes.map((entry) => entry.type),
  ...CLASSIFICATION_TYPES,
];

/**
 * The ids of the views an event changes: its complaint's (the correlation id), or every complaint an
 * incident event names.
 */
export function complaintViewIds(event: RecordedEvent): readonly string[] {
  if (event.type === 'CollectiveIncidentDetected')
    return (event.data as CollectiveIncidentDetectedData).complaintIds;
  if (event.type === 'ComplaintJoinedCollectiveIncident')
    return [(event.data as ComplaintJoinedCollectiveIncidentData).complaintId];
  if (event.type === 'ComplaintRemovedFromCollectiveIncident')
    return [(event.data as ComplaintRemovedFromCollectiveIncidentData).complaintId];
  return [event.correlationId];
}

/**
 * The text a complaint is found by, most telling first: reference, the government work-order number,
 * subject, location, expected remedy, description. The complainant's details never.
 */
export function searchTokensOf(
  view: Pick<
    ComplaintView,
    'reference' | 'channelDetails' | 'subject' | 'location' | 'expectedRemedy' | 'description'
  >,
): string[] {
  return documentSearchTokens([
    view.reference,
    view.channelDetails?.externalOrderNo,
    view.subject.name,
    view.location,
    view.expectedRemedy,
    view.description,
  ]);
}

// ---------------------------------------------------------------- evolve

/**
 * Folds one event of a complaint's history into its view. Pure: the same function serves the
 * live projection, rebuilds, and the view as of an instant (a fold over the history up to then).
 * Events of other types are counted, not interpreted.
 */
export function evolveComplaintView(view: ComplaintView | null, event: RecordedEvent): ComplaintView | null {
  if (!complaintViewHandles.includes(event.type)) return view && touched(view, event);
  if ((CLASSIFICATION_TYPES as readonly string[]).includes(event.type)) {
    const classification = { type: event.type, data: event.data } as ClassificationEvent;
    const next = view && applyClassification(view, classification, event.revision);
    // an incident event that does not name the complaint (in a history read with its incident's)
    return next === view ? view : next && touched(next, event);
  }
  const intake = { type: event.type, data: event.data } as IntakeEvent;
  if (intake.type === 'ComplaintReceived') return received(intake.data, event);
  return view && touched(applyIntake(view, intake), event);
}

function received(data: ComplaintReceivedData, event: RecordedEvent): ComplaintView {
  const view: Omit<ComplaintView, 'searchTokens'> = {
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
    sla: { respondBy: data.acknowledgement.respondBy, resolveBy: null, state: 'on_track' },
    satisfaction: null,
    eventCount: 1,
    updatedAt: event.recordedAt,
  };
  return { ...view, searchTokens: searchTokensOf(view) };
}

function applyIntake(
  view: ComplaintView,
  event: Exclude<IntakeEvent, { type: 'ComplaintReceived' }>,
): ComplaintView {
  switch (event.type) {
    case 'RecordConfirmed':
      return { ...view, confirmed: true, confirmedAt: event.data.confirmedAt };
    case 'RecordCorrected': {
      const corrected = { ...view, ...corrections(event.data.corrections) };
      return {
        ...corrected,
        confirmed: true,
        confirmedAt: event.data.correctedAt,
        searchTokens: searchTokensOf(corrected),
      };
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

/** A classification event (`revision`: its stream's, which an incident's membership keeps). */
function applyClassification(
  view: ComplaintView,
  event: ClassificationEvent,
  revision: number,
): ComplaintView {
  switch (event.type) {
    case 'ComplaintClassified':
      return { ...view, classification: classified(event.data) };
    case 'ComplaintReclassified': {
      const { category, severity, scope, nature, reclassifiedAt } = event.data;
      const before = view.classification;
      return {
        ...view,
        classification: {
          category,
          severity: severity ?? before?.severity ?? 'general',
          scope: scope ?? before?.scope ?? 'individual',
          confidence: 1,
          nature: nature ?? before?.nature ?? 'effective',
          signals: before?.signals ?? [],
          needsHumanReview: false,
          departmentId: category === before?.category ? before.departmentId : null,
          decidedBy: 'human',
          classifiedAt: reclassifiedAt,
        },
      };
    }
    case 'CollectiveIncidentDetected':
    case 'ComplaintJoinedCollectiveIncident':
    case 'CollectiveIncidentMerged':
    case 'ComplaintRemovedFromCollectiveIncident':
      return applyIncident(view, event, revision);
    default:
      return assertNever(event);
  }
}

/**
 * An incident event changes the views of the complaints it names (others are left as they are):
 * each shows its incident. What membership means for the classification (scope, severity) the
 * classifier decides and records (ComplaintClassified caused by the incident event).
 */
function applyIncident(view: ComplaintView, event: CollectiveIncidentEvent, revision: number): ComplaintView {
  switch (event.type) {
    case 'CollectiveIncidentDetected': {
      const { incidentId, complaintIds, complainantCount, detectedAt } = event.data;
      if (!complaintIds.includes(view.complaintId)) return view;
      const collectiveIncident = {
        incidentId,
        complaintCount: complaintIds.length,
        complainantCount,
        joinedAt: detectedAt,
        revision,
      };
      return { ...view, collectiveIncident };
    }
    case 'ComplaintJoinedCollectiveIncident': {
      const { incidentId, complaintId, complaintCount, complainantCount, joinedAt } = event.data;
      if (complaintId !== view.complaintId) return view;
      const collectiveIncident = { incidentId, complaintCount, complainantCount, joinedAt, revision };
      return { ...view, collectiveIncident };
    }
    case 'CollectiveIncidentMerged':
      // names no complaint: each member's join to the surviving incident moves its view
      return view;
    case 'ComplaintRemovedFromCollectiveIncident': {
      const { incidentId, complaintId } = event.data;
      if (complaintId !== view.complaintId || view.collectiveIncident?.incidentId !== incidentId) return view;
      return { ...view, collectiveIncident: null };
    }
    default:
      return assertNever(event);
  }
}

function classified(data: ComplaintClassifiedData): ClassificationView {
  return {
    category: data.category,
    severity: data.severity,
    scope: data.scope,
    confidence: data.confidence,
    nature: data.nature,
    signals: data.signals,
    needsHumanReview: data.needsHumanReview,
    departmentId: data.departmentId ?? null,
    decidedBy: 'model',
    classifiedAt: data.classifiedAt,
  };
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

function touched(view: ComplaintView, event: RecordedEvent): ComplaintView {
  return { ...view, eventCount: view.eventCount + 1, updatedAt: event.recordedAt };
}

/** The view as it stood at `instant`: a fold over the events recorded up to then. */
export function complaintViewAsOf(history: readonly RecordedEvent[], instant: string): ComplaintView | null {
  const until = Date.parse(instant);
  return history
    .filter((event) => Date.parse(event.recordedAt) <= until)
    .reduce<ComplaintView | null>(evolveComplaintView, null);
}
