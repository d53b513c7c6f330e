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
  /** The order the queues list in (`queueOrderOf`). */
  readonly queueOrder: string;
}

/** The event types the queues fold: a complaint's dispatch events and its classification's decisions. */
export const QUEUE_ITEM_TYPES = [
  'ComplaintAssigned',
  'ComplaintQueued',
  'AssignmentAccepted',
  'ComplaintTransferred',
  'AssignmentEnded',
  'ComplaintClassified',
  'ComplaintReclassified',
] as const;

const URGENCY: Readonly<Record<Severity, number>> = { critical: 0, major: 1, general: 2, minor: 3 };

/**
 * The order of a queue, as one sortable key: the most severe first, then the longest waiting. This
 * is the seam for issue 16: once SLA deadlines exist, the key becomes the complaint's deadline
 * (`resolveBy`), and only this function and the projection's version change.
 */
export function queueOrderOf(item: Pick<QueueItem, 'severity' | 'receivedAt'>): string {
  return `${URGENCY[item.severity]}|${item.receivedAt}`;
}

const ordered = (item: Omit<QueueItem, 'queueOrder'>): QueueItem => ({
  ...item,
  queueOrder: queueOrderOf(item),
});

function placed(
  item: QueueItem | null,
  event: RecordedEvent,
  data: ComplaintAssignedData | ComplaintQueuedData,
  status: QueueStatus,
): QueueItem {
  const { complaint, departmentId, level } = data;
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
  });
}

/**
 * Folds one event into a complaint's queue item: it appears when dispatch places it, follows it on
 * acceptance, transfers and reassignment, takes a new classification's severity and category, and
 * leaves the queues when its assignment ends. Pure: it serves the live projection and rebuilds.
 */
export function evolveQueueItem(item: QueueItem | null, event: RecordedEvent): QueueItem | null {
  switch (event.type) {
    case 'ComplaintAssigned':
      return placed(item, event, event.data as ComplaintAssignedData, 'assigned');
    case 'ComplaintQueued':
      return placed(item, event, event.data as ComplaintQueuedData, 'queued');
    case 'AssignmentAccepted':
      return item && { ...item, status: 'accepted', updatedAt: event.recordedAt };
    case 'ComplaintTransferred': {
      const { transfers } = event.data as ComplaintTransferredData;
      return item && { ...item, transfers, updatedAt: event.recordedAt };
    }
    case 'AssignmentEnded':
      return null;
    case 'ComplaintClassified':
    case 'ComplaintReclassified': {
      const data = event.data as ComplaintClassifiedData | ComplaintReclassifiedData;
      if (!item) return null;
      const severity = data.severity ?? item.severity;
      return ordered({ ...item, category: data.category, severity, updatedAt: event.recordedAt });
    }
    default:
      return item;
  }
}
