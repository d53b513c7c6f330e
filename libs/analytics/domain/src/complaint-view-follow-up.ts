import type {
  CallbackEvent,
  ClosureOutcome,
  ClosureReason,
  FollowUpEvent,
  MessageChannel,
  MessageEvent,
  MessageKind,
  ReReviewOutcome,
} from '@kesu/follow-up-contracts';
import { assertNever } from '@kesu/kernel';
import type { ComplaintView } from './complaint-view';

// ---------------------------------------------------------------- the fold of follow-up's events

/** A message sent about the complaint and how its delivery stands (never its text or address). */
export interface FollowUpMessageView {
  readonly messageId: string;
  readonly kind: MessageKind;
  readonly channel: MessageChannel;
  readonly status: 'pending' | 'in_flight' | 'delivered' | 'failed';
  readonly attempts: number;
  /** Attempts that failed so far (the reasons are on the follow-up route, for staff). */
  readonly failures: number;
}

/** The complaint's follow-up (回访, 复查, 结案): messages, callback, reopens, re-review, closure. */
export interface FollowUpPart {
  readonly messages: readonly FollowUpMessageView[];
  readonly callback: {
    readonly dueAt: string;
    readonly attempts: number;
    readonly unreachable: boolean;
  } | null;
  readonly reopenCount: number;
  readonly reReview: {
    readonly reviewerId: string;
    readonly answerDueBy: string;
    readonly outcome: ReReviewOutcome | null;
  } | null;
  readonly closure: {
    readonly reason: ClosureReason | null;
    readonly outcome: ClosureOutcome;
    readonly finalCategory: string;
    readonly closedAt: string;
  } | null;
}

type FollowUpViewEvent = FollowUpEvent | MessageEvent | CallbackEvent;

/** Follow-up's events the view folds (its settings stream is the tenant's, not a complaint's). */
export const FOLLOW_UP_TYPES: readonly FollowUpViewEvent['type'][] = [
  'ComplaintClosed',
  'ComplaintReopened',
  'ReReviewRequested',
  'ReReviewDecided',
  'SatisfactionRecorded',
  'MessageRecorded',
  'DeliveryAttempted',
  'MessageDelivered',
  'DeliveryFailed',
  'CallbackScheduled',
  'CallbackAttempted',
  'CustomerUnreachable',
  'SurveyLinkIssued',
  'SurveyLinkAnswered',
];

const NOTHING_YET: FollowUpPart = {
  messages: [],
  callback: null,
  reopenCount: 0,
  reReview: null,
  closure: null,
};

const withMessage = (
  part: FollowUpPart,
  id: string,
  change: (m: FollowUpMessageView) => FollowUpMessageView,
) => ({
  ...part,
  messages: part.messages.map((m) => (m.messageId === id ? change(m) : m)),
});

function applyToPart(part: FollowUpPart, event: FollowUpViewEvent): FollowUpPart {
  switch (event.type) {
    case 'MessageRecorded': {
      const { messageId, kind, channel } = event.data;
      if (part.messages.some((m) => m.messageId === messageId)) return part;
      const message: FollowUpMessageView = {
        messageId,
        kind,
        channel,
        status: 'pending',
        attempts: 0,
        failures: 0,
      };
      return { ...part, messages: [...part.messages, message] };
    }
    case 'DeliveryAttempted':
      return withMessage(part, event.data.messageId, (m) => ({
        ...m,
        status: 'in_flight',
        attempts: event.data.attempt,
      }));
    case 'MessageDelivered':
      return withMessage(part, event.data.messageId, (m) => ({ ...m, status: 'delivered' }));
    case 'DeliveryFailed': {
      const status = event.data.retryAt === null ? 'failed' : 'pending';
      return withMessage(part, event.data.messageId, (m) => ({ ...m, status, failures: m.failures + 1 }));
    }
    case 'CallbackScheduled':
      return { ...part, callback: { dueAt: event.data.dueAt, attempts: 0, unreachable: false } };
    case 'CallbackAttempted':
      return part.callback ? { ...part, callback: { ...part.callback, attempts: event.data.attempt } } : part;
    case 'CustomerUnreachable':
      return part.callback ? { ...part, callback: { ...part.callback, unreachable: true } } : part;
    case 'ComplaintReopened':
      return { ...part, reopenCount: event.data.reopenCount, closure: null };
    case 'ReReviewRequested':
      return {
        ...part,
        reReview: { reviewerId: event.data.reviewerId, answerDueBy: event.data.answerDueBy, outcome: null },
      };
    case 'ReReviewDecided':
      return part.reReview ? { ...part, reReview: { ...part.reReview, outcome: event.data.outcome } } : part;
    case 'ComplaintClosed': {
      const { reason, outcome, finalCategory, closedAt } = event.data;
      return { ...part, closure: { reason: reason ?? null, outcome, finalCategory, closedAt } };
    }
    case 'SatisfactionRecorded':
    case 'SurveyLinkIssued':
    case 'SurveyLinkAnswered':
      return part;
    default:
      return assertNever(event);
  }
}

/** The status a follow-up event leaves the complaint in, when it changes it. */
function statusAfter(event: FollowUpViewEvent): ComplaintView['status'] | undefined {
  if (event.type === 'ComplaintClosed') return 'closed';
  if (event.type === 'ComplaintReopened') return 'reopened';
  if (event.type === 'ReReviewRequested') return 'under_re_review';
  return undefined;
}

/** A follow-up event of the complaint. */
export function applyFollowUp(view: ComplaintView, event: FollowUpViewEvent): ComplaintView {
  const followUp = applyToPart(view.followUp ?? NOTHING_YET, event);
  const status = statusAfter(event) ?? view.status;
  const satisfaction = event.type === 'SatisfactionRecorded' ? event.data.satisfaction : view.satisfaction;
  return { ...view, followUp, status, satisfaction };
}
