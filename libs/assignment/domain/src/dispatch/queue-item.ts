import type {
  AssignmentLevel,
  ComplaintAssignedData,
  ComplaintQueuedData,
  ComplaintTransferredData,
  QueueReason,
} from '@kesu/assignment-contracts';
import type {
  ComplaintClassifiedData,
  ComplaintReclassifiedData,
  Severity,
} from '@kesu/classification-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import type { SlaMilestone } from '@kesu/sla-contracts';
import {
  evolveQueueDeadlines,
  nextDeadline,
  NO_DEADLINES,
  QUEUE_DEADLINE_TYPES,
  type QueueDeadlines,
} from './queue-deadlines';

// ---------------------------------------------------------------- a complaint in the work queues

/** Where an open complaint stands in the queues: waiting in its department's queue, or with a person. */
export const QUEUE_STATUSES = ['queued', 'assigned', 'accepted'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** One open complaint as the work queues list it: no complainant, no text — who has it and how urgent it is. */
export interface QueueItem {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly category: string;
  readonly severity: Severity;
  readonly status: QueueStatus;
  readonly departmentId: string;
  readonly assigneeId: string | null;
  readonly level: AssignmentLevel;
  readonly queueReason: QueueReason | null;
  readonly transfers: number;
  readonly placedAt: string;
  readonly updatedAt: string;
  /** The next time limit still to be met (UTC ISO), and its milestone; null before the SLA sets one. */
  readonly dueAt: string | null;
  readonly dueMilestone: SlaMilestone | null;
  /** True while the case waits on the customer or an external appraisal. */
  readonly clockPaused: boolean;
  readonly deadlines: QueueDeadlines;
  /** The order the queues list in (`queueOrderOf`). */
  readonly queueOrder: string;
}

/**
 * A complaint the queues do not list (not yet placed by dispatch) whose time limits are already
 * known: the SLA usually sets them before dispatch places the complaint, and the queues keep them
 * for the moment it does.
 */
export interface UnplacedQueueItem {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly status: 'unplaced';
  readonly deadlines: QueueDeadlines;
}

/** What the queue projection keeps per complaint: a listed item, or the deadlines of one to come. */
export type QueueRecord = QueueItem | UnplacedQueueItem;

const isPlaced = (record: QueueRecord | null): record is QueueItem =>
  record !== null && record.status !== 'unplaced';

/**
 * The event types the queues fold: a complaint's dispatch events, its classification's decisions and
 * its SLA deadlines.
 */
export const QUEUE_ITEM_TYPES = [
  'ComplaintAssigned',
  'ComplaintQueued',
  'AssignmentAccepted',
  'ComplaintTransferred',
  'AssignmentEnded',
  'ComplaintClassified',
  'ComplaintReclassified',
  ...QUEUE_DEADLINE_TYPES,
] as const;

const URGENCY: Readonly<Record<Severity, number>> = { critical: 0, major: 1, general: 2, minor: 3 };

/** Sorts after every instant: a complaint with no deadline yet comes after those with one. */
const NO_DEADLINE = '~';

/**
 * The order of a queue, as one sortable key: the nearest deadline still to be met first (whichever
 * milestone it is), then the most severe, then the longest waiting; complaints without a deadline
 * yet after all that have one.
 */
export function queueOrderOf(item: Pick<QueueItem, 'dueAt' | 'severity' | 'receivedAt'>): string {
  return `${item.dueAt ?? NO_DEADLINE}|${URGENCY[item.severity]}|${item.receivedAt}`;
}

type Unordered = Omit<QueueItem, 'queueOrder' | 'dueAt' | 'dueMilestone' | 'clockPaused'>;

const ordered = (item: Unordered): QueueItem => {
  const next = nextDeadline(item.deadlines);
  const withDeadline = {
    ...item,
    dueAt: next?.dueAt ?? null,
    dueMilestone: next?.milestone ?? null,
    clockPaused: item.deadlines.paused,
  };
  return { ...withDeadline, queueOrder: queueOrderOf(withDeadline) };
};

function placed(
  record: QueueRecord | null,
  event: RecordedEvent,
  data: ComplaintAssignedData | ComplaintQueuedData,
  status: QueueStatus,
): QueueItem {
  const { complaint, departmentId, level } = data;
  const item = isPlaced(record) ? record : null;
  return ordered({
    _id: data.complaintId,
    complaintId: data.complaintId,
    tenantId: event.tenantId,
    branchId: complaint.branchId,
    reference: complaint.reference,
    receivedAt: complaint.receivedAt,
    category: item?.category ?? complaint.category,
    severity: item?.severity ?? complaint.severity,
    status,
    departmentId,
    assigneeId: 'assigneeId' in data ? data.assigneeId : null,
    level,
    queueReason: 'why' in data ? data.why : null,
    transfers: item?.transfers ?? 0,
    placedAt: event.occurredAt,
    updatedAt: event.recordedAt,
    deadlines: record?.deadlines ?? NO_DEADLINES,
  });
}

/**
 * Folds one event into a complaint's queue record: it appears when dispatch places it, follows it on
 * acceptance, transfers and reassignment, takes a new classification's severity and category and the
 * SLA's deadlines (kept from before it is placed), and leaves the queues when its assignment ends.
 * Pure: it serves the live projection and rebuilds.
 */
export function evolveQueueItem(record: QueueRecord | null, event: RecordedEvent): QueueRecord | null {
  if ((QUEUE_DEADLINE_TYPES as readonly string[]).includes(event.type)) return withDeadlines(record, event);
  const item = isPlaced(record) ? record : null;
  switch (event.type) {
    case 'ComplaintAssigned':
      return placed(record, event, event.data as ComplaintAssignedData, 'assigned');
    case 'ComplaintQueued':
      return placed(record, event, event.data as ComplaintQueuedData, 'queued');
    case 'AssignmentAccepted':
      return item ? { ...item, status: 'accepted', updatedAt: event.recordedAt } : record;
    case 'ComplaintTransferred': {
      const { transfers } = event.data as ComplaintTransferredData;
      return item ? { ...item, transfers, updatedAt: event.recordedAt } : record;
    }
    case 'AssignmentEnded':
      return null;
    case 'ComplaintClassified':
    case 'ComplaintReclassified': {
      const data = event.data as ComplaintClassifiedData | ComplaintReclassifiedData;
      if (!item) return record;
      const severity = data.severity ?? item.severity;
      return ordered({ ...item, category: data.category, severity, updatedAt: event.recordedAt });
    }
    default:
      return record;
  }
}

/** A record with an SLA event's deadlines: a placed item reordered, or one to come kept (none: dropped). */
function withDeadlines(record: QueueRecord | null, event: RecordedEvent): QueueRecord | null {
  const deadlines = evolveQueueDeadlines(record?.deadlines ?? NO_DEADLINES, event);
  if (isPlaced(record)) return ordered({ ...record, deadlines });
  if (deadlines === NO_DEADLINES || Object.keys(deadlines.due).length === 0) return null;
  const complaintId = event.correlationId;
  return { _id: complaintId, complaintId, tenantId: event.tenantId, status: 'unplaced', deadlines };
}
