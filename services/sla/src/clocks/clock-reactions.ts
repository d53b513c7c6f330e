import type { CaseMilestoneEvent } from '@kesu/assignment-contracts';
import type { ComplaintClassified, ComplaintReclassified } from '@kesu/classification-contracts';
import type {
  ComplaintClosed,
  ComplaintReopened,
  ReReviewDecided,
  ReReviewRequested,
} from '@kesu/follow-up-contracts';
import type {
  ComplaintAccepted,
  ComplaintMergedAsDuplicate,
  ComplaintRejected,
  ComplaintResolvedOnTheSpot,
  ComplaintWithdrawn,
} from '@kesu/intake-contracts';
import type { SlaClockCommand } from '@kesu/sla-domain';
import type { ClockContext } from './clock-runner';

/** The events of other services a complaint's clocks react to (ComplaintReceived starts them). */
export type ClockDrivingEvent =
  | ComplaintAccepted
  | ComplaintRejected
  | ComplaintResolvedOnTheSpot
  | ComplaintWithdrawn
  | ComplaintMergedAsDuplicate
  | ComplaintClassified
  | ComplaintReclassified
  | CaseMilestoneEvent
  | ComplaintReopened
  | ReReviewRequested
  | ReReviewDecided
  | ComplaintClosed;

/** The types of ClockDrivingEvent. */
export const CLOCK_DRIVING_TYPES: readonly string[] = [
  'ComplaintAccepted',
  'ComplaintRejected',
  'ComplaintResolvedOnTheSpot',
  'ComplaintWithdrawn',
  'ComplaintMergedAsDuplicate',
  'ComplaintClassified',
  'ComplaintReclassified',
  'CustomerContacted',
  'CaseWaitingStarted',
  'CaseWaitingEnded',
  'ComplaintResolved',
  'ComplaintReopened',
  'ReReviewRequested',
  'ReReviewDecided',
  'ComplaintClosed',
];

/**
 * The command an event of another service means for the complaint's clocks, given their state and
 * the rules of the complaint now; null when it means nothing.
 */
export function clockCommandFor(event: ClockDrivingEvent, c: ClockContext): SlaClockCommand | null {
  const planned = { rules: c.rules, calendar: c.calendar };
  switch (event.type) {
    case 'ComplaintAccepted':
      return { type: 'MeetMilestones', milestones: ['acknowledge'], at: event.data.acceptedAt };
    case 'ComplaintRejected':
      return { type: 'Stop', reason: 'rejected', meet: ['acknowledge'], at: event.data.rejectedAt };
    case 'ComplaintResolvedOnTheSpot':
      return {
        type: 'Stop',
        reason: 'resolved_on_the_spot',
        meet: ['acknowledge', 'first_contact', 'respond', 'resolve', 'investigation'],
        at: event.data.resolvedAt,
      };
    case 'ComplaintWithdrawn':
      return { type: 'Stop', reason: 'withdrawn', at: event.data.withdrawnAt };
    case 'ComplaintMergedAsDuplicate':
      return { type: 'Stop', reason: 'merged', at: event.data.mergedAt };
    case 'ComplaintClassified':
    case 'ComplaintReclassified': {
      const { severity = c.state.severity, category } = event.data;
      return { type: 'Classify', severity, category, ...rulesOf(c, severity, category), at: c.at };
    }
    case 'CustomerContacted':
      return event.data.reached
        ? { type: 'MeetMilestones', milestones: ['first_contact'], at: event.data.contactedAt }
        : null;
    case 'CaseWaitingStarted':
      return {
        type: 'Pause',
        reason: event.data.reason,
        pausesFor: c.rules.pausesFor,
        at: event.data.startedAt,
      };
    case 'CaseWaitingEnded':
      return { type: 'Resume', reason: event.data.reason, calendar: c.calendar, at: event.data.endedAt };
    case 'ComplaintResolved':
      return {
        type: 'MeetMilestones',
        milestones: ['first_contact', 'respond', 'resolve', 'investigation'],
        at: event.data.resolvedAt,
      };
    case 'ComplaintReopened':
      return {
        type: 'Restart',
        milestone: 'resolve',
        reason: 'reopened',
        ...planned,
        at: event.data.reopenedAt,
      };
    case 'ReReviewRequested':
      return {
        type: 'Restart',
        milestone: 're_review_answer',
        reason: 're_review',
        ...planned,
        dueBy: event.data.answerDueBy,
        at: event.data.requestedAt,
      };
    case 'ReReviewDecided':
      return { type: 'MeetMilestones', milestones: ['re_review_answer'], at: event.data.decidedAt };
    case 'ComplaintClosed':
      return { type: 'Stop', reason: 'closed', meet: ['re_review_answer'], at: event.data.closedAt };
  }
}

/** The rules as a (re)classification leaves them: the context's were picked by the previous one. */
function rulesOf(c: ClockContext, severity: string | undefined, category: string) {
  return { rules: c.reclassified(severity, category), calendar: c.calendar };
}
