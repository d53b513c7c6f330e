import type { RecordedEvent } from '@kesu/kernel';

// ---------------------------------------------------------------- what each complaint adds to the KPIs
//
// One complaint's facts, folded from the published events of every service (intake, classification,
// dispatch and escalation, case work, follow-up, SLA): its dimensions as they stand, and the moments
// that count. The rollups are the sum of every complaint's contributions (`contributionsOf`).

/** The dimensions a complaint's counts are kept under; `unknown` until known. */
export interface KpiDimensions {
  readonly branchId: string;
  readonly channel: string;
  readonly category: string;
  readonly severity: string;
  readonly departmentId: string;
  readonly handlerId: string;
}

/** One complaint's facts as far as KPIs go. */
export interface KpiFacts extends KpiDimensions {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly receivedAt: string;
  readonly acceptedAt?: string;
  readonly rejected?: { readonly at: string; readonly reason: string };
  readonly resolvedOnTheSpotAt?: string;
  /** When it was resolved (on the spot or by case work): the end of its resolution time. */
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  /** The closure's outcome (`resolved`, `partially_resolved`, `unresolved`). */
  readonly closureOutcome?: string;
  /** Whether the case work's remedies owned a fault (any remedy beyond an explanation). */
  readonly remedied?: boolean;
  readonly resolvedWithinSlaAt?: string;
  readonly firstBreachAt?: string;
  readonly firstEscalationAt?: string;
  readonly reopenedAt: readonly string[];
  readonly repeatAt?: string;
  readonly satisfaction?: { readonly at: string; readonly level: string };
  /** Money paid as remedies, per currency, when it was resolved. */
  readonly compensation?: { readonly at: string; readonly amounts: Readonly<Record<string, number>> };
  readonly reReviews: readonly string[];
  readonly reReviewsChanged: readonly string[];
}

const UNKNOWN = 'unknown';

/** The event types the facts fold. */
export const KPI_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintAccepted',
  'ComplaintRejected',
  'AppealDecided',
  'ComplaintResolvedOnTheSpot',
  'RepeatComplaintFlagged',
  'ComplaintClassified',
  'ComplaintReclassified',
  'ComplaintAssigned',
  'ComplaintTransferred',
  'ComplaintEscalated',
  'ComplaintResolved',
  'ComplaintClosed',
  'ComplaintReopened',
  'SatisfactionRecorded',
  'ReReviewRequested',
  'ReReviewDecided',
  'SlaMilestoneMet',
  'SlaBreached',
] as const;

type Data = Record<string, unknown>;
const text = (data: Data, field: string): string => String(data[field]);

/** The facts after one more event of the complaint (null before its registration: nothing counts yet). */
export function evolveKpiFacts(facts: KpiFacts | null, event: RecordedEvent): KpiFacts | null {
  const data = event.data as Data;
  if (event.type === 'ComplaintReceived') {
    return {
      complaintId: text(data, 'complaintId'),
      tenantId: event.tenantId,
      branchId: text(data, 'branchId'),
      channel: text(data, 'channel'),
      category: facts?.category ?? UNKNOWN,
      severity: facts?.severity ?? UNKNOWN,
      departmentId: facts?.departmentId ?? UNKNOWN,
      handlerId: facts?.handlerId ?? UNKNOWN,
      receivedAt: text(data, 'receivedAt'),
      reopenedAt: [],
      reReviews: [],
      reReviewsChanged: [],
    };
  }
  if (!facts) return null;
  return evolveLater(facts, event.type, data);
}

function evolveLater(facts: KpiFacts, type: string, data: Data): KpiFacts {
  switch (type) {
    case 'ComplaintAccepted':
      return { ...facts, acceptedAt: text(data, 'acceptedAt') };
    case 'ComplaintRejected':
      return { ...facts, rejected: { at: text(data, 'rejectedAt'), reason: text(data, 'reason') } };
    case 'AppealDecided':
      return data.outcome === 'overturned' ? { ...facts, acceptedAt: text(data, 'decidedAt') } : facts;
    case 'ComplaintResolvedOnTheSpot':
      return {
        ...facts,
        resolvedOnTheSpotAt: text(data, 'resolvedAt'),
        resolvedAt: text(data, 'resolvedAt'),
      };
    case 'RepeatComplaintFlagged':
      return { ...facts, repeatAt: text(data, 'flaggedAt') };
    case 'ComplaintClassified':
    case 'ComplaintReclassified':
      return {
        ...facts,
        category: text(data, 'category'),
        severity: typeof data.severity === 'string' ? data.severity : facts.severity,
      };
    case 'ComplaintAssigned':
      return { ...facts, departmentId: text(data, 'departmentId'), handlerId: text(data, 'assigneeId') };
    case 'ComplaintTransferred':
      return { ...facts, departmentId: text(data, 'toDepartmentId'), handlerId: UNKNOWN };
    case 'ComplaintEscalated':
      return { ...facts, firstEscalationAt: facts.firstEscalationAt ?? text(data, 'escalatedAt') };
    case 'ComplaintResolved':
      return {
        ...facts,
        resolvedAt: text(data, 'resolvedAt'),
        compensation: compensationOf(data),
        remedied: remediesOf(data).some((remedy) => remedy.type !== 'explanation'),
      };
    default:
      return evolveFollowUp(facts, type, data);
  }
}

function evolveFollowUp(facts: KpiFacts, type: string, data: Data): KpiFacts {
  switch (type) {
    case 'ComplaintClosed':
      return {
        ...facts,
        closedAt: text(data, 'closedAt'),
        closureOutcome: text(data, 'outcome'),
        category: text(data, 'finalCategory'),
      };
    case 'ComplaintReopened': {
      const { closedAt: _closed, closureOutcome: _outcome, ...open } = facts;
      return { ...open, reopenedAt: [...facts.reopenedAt, text(data, 'reopenedAt')] };
    }
    case 'SatisfactionRecorded':
      return { ...facts, satisfaction: { at: text(data, 'recordedAt'), level: text(data, 'satisfaction') } };
    case 'ReReviewRequested':
      return { ...facts, reReviews: [...facts.reReviews, text(data, 'requestedAt')] };
    case 'ReReviewDecided':
      return data.outcome === 'changed'
        ? { ...facts, reReviewsChanged: [...facts.reReviewsChanged, text(data, 'decidedAt')] }
        : facts;
    case 'SlaMilestoneMet':
      return data.milestone === 'resolve' && data.onTime === true
        ? { ...facts, resolvedWithinSlaAt: text(data, 'metAt') }
        : facts;
    case 'SlaBreached':
      return { ...facts, firstBreachAt: facts.firstBreachAt ?? text(data, 'breachedAt') };
    default:
      return facts;
  }
}

const remediesOf = (data: Data): Data[] => (Array.isArray(data.remedies) ? (data.remedies as Data[]) : []);

function compensationOf(data: Data): KpiFacts['compensation'] {
  const amounts: Record<string, number> = {};
  for (const remedy of remediesOf(data)) {
    if (typeof remedy.amount !== 'number') continue;
    const currency = typeof remedy.currency === 'string' ? remedy.currency : 'CNY';
    amounts[currency] = (amounts[currency] ?? 0) + remedy.amount;
  }
  return Object.keys(amounts).length > 0 ? { at: text(data, 'resolvedAt'), amounts } : undefined;
}
