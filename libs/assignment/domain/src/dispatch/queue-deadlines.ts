import type { SlaDeadlinesSetData, SlaMilestone, SlaMilestoneMetData } from '@kesu/sla-contracts';
import type { RecordedEvent } from '@kesu/kernel';

/** The SLA events the queues fold to order by deadline (`complaints.sla.v1`). */
export const QUEUE_DEADLINE_TYPES = [
  'SlaDeadlinesSet',
  'SlaMilestoneMet',
  'SlaClockPaused',
  'SlaClockResumed',
  'SlaClockStopped',
] as const;

/** A complaint's time limits as the queues know them: each unmet milestone's due instant. */
export interface QueueDeadlines {
  /** Due instants (UTC ISO) of the milestones still to be met. */
  readonly due: Readonly<Partial<Record<SlaMilestone, string>>>;
  /** True while the case waits on the customer or an external appraisal (the clocks stand still). */
  readonly paused: boolean;
}

export const NO_DEADLINES: QueueDeadlines = { due: {}, paused: false };

/** The next deadline of the milestones still to be met, and which milestone it is; null when none. */
export function nextDeadline(
  deadlines: QueueDeadlines,
): { readonly milestone: SlaMilestone; readonly dueAt: string } | null {
  let next: { milestone: SlaMilestone; dueAt: string } | null = null;
  for (const [milestone, dueAt] of Object.entries(deadlines.due) as [SlaMilestone, string][])
    if (next === null || dueAt < next.dueAt) next = { milestone, dueAt };
  return next;
}

/**
 * Folds one SLA event into the deadlines: new due instants replace those named (a resumed clock's
 * moved deadlines arrive as such an event), a met milestone leaves, a pause and its end are kept, and
 * a stopped procedure has none left. Other events leave them as they are.
 */
export function evolveQueueDeadlines(deadlines: QueueDeadlines, event: RecordedEvent): QueueDeadlines {
  switch (event.type) {
    case 'SlaDeadlinesSet': {
      const due = { ...deadlines.due };
      for (const { milestone, dueAt } of (event.data as SlaDeadlinesSetData).deadlines)
        due[milestone] = dueAt;
      return { ...deadlines, due };
    }
    case 'SlaMilestoneMet': {
      const { [(event.data as SlaMilestoneMetData).milestone]: _met, ...due } = deadlines.due;
      return { ...deadlines, due };
    }
    case 'SlaClockPaused':
      return { ...deadlines, paused: true };
    case 'SlaClockResumed':
      return { ...deadlines, paused: false };
    case 'SlaClockStopped':
      return NO_DEADLINES;
    default:
      return deadlines;
  }
}
