import type {
  CallbackEvent,
  ClosureReason,
  FollowUpEvent,
  MessageEvent,
  MessageKind,
  ReReviewOutcome,
  SatisfactionLevel,
} from '@kesu/follow-up-contracts';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- state

/** Where a complaint's follow-up stands. */
export type FollowUpStage = 'open' | 'resolved' | 'reopened' | 'under_re_review' | 'closed';

/** A message of the outbox and how its delivery stands. */
export interface OutboxMessage {
  readonly messageId: string;
  readonly kind: MessageKind;
  readonly status: 'pending' | 'in_flight' | 'delivered' | 'failed';
  /** Attempts made so far. */
  readonly attempts: number;
  /** An in-flight attempt's claim holds until then. */
  readonly claimUntil?: string;
  /** A pending message after a failure waits until then. */
  readonly retryAt?: string;
  readonly lastError?: string;
}

/** The resolution being followed up, with the windows that were set for it. */
export interface FollowedResolution {
  readonly resolvedAt: string;
  readonly resolvedBy: string;
  readonly summary: string;
  readonly callbackDueAt: string;
  readonly closesWithoutObjectionAt: string;
  readonly reReviewRequestBy: string;
  readonly maxAttempts: number;
}

export interface FollowUpState {
  /** The complaint followed up (known from the stream's first event). */
  readonly complaintId?: string;
  readonly stage: FollowUpStage;
  /** The latest resolution (after a reopen, the next one replaces it). */
  readonly resolution?: FollowedResolution;
  /** Callback tries without reaching the customer, since the latest resolution. */
  readonly callbackAttempts: number;
  /** The customer's latest answer since the latest resolution. */
  readonly satisfaction?: SatisfactionLevel;
  readonly reopenCount: number;
  readonly reReview?: {
    readonly reviewerId: string;
    readonly answerDueBy: string;
    readonly outcome?: ReReviewOutcome;
  };
  readonly closure?: { readonly reason?: ClosureReason; readonly closedAt: string };
  readonly messages: Readonly<Record<string, OutboxMessage>>;
  readonly surveyLinks: Readonly<Record<string, { readonly expiresAt: string; readonly answered: boolean }>>;
  /** The latest message to the complainant (for the rhythm of progress updates). */
  readonly lastCustomerMessageAt?: string;
}

export const initialFollowUpState = (): FollowUpState => ({
  stage: 'open',
  callbackAttempts: 0,
  reopenCount: 0,
  messages: {},
  surveyLinks: {},
});

/** Every event of a complaint's follow-up stream. */
export type FollowUpStreamEvent = FollowUpEvent | MessageEvent | CallbackEvent;

// ---------------------------------------------------------------- evolve

const withMessage = (state: FollowUpState, id: string, change: Partial<OutboxMessage>): FollowUpState => {
  const message = state.messages[id];
  return message ? { ...state, messages: { ...state.messages, [id]: { ...message, ...change } } } : state;
};

/** The state after one event of the follow-up stream. */
export function evolveFollowUp(before: FollowUpState, event: FollowUpStreamEvent): FollowUpState {
  const state = before.complaintId ? before : { ...before, complaintId: event.data.complaintId };
  switch (event.type) {
    case 'MessageRecorded': {
      const { messageId, kind, recipient, recordedAt } = event.data;
      const message: OutboxMessage = { messageId, kind, status: 'pending', attempts: 0 };
      return {
        ...state,
        messages: { ...state.messages, [messageId]: message },
        ...(recipient.kind === 'complainant' && { lastCustomerMessageAt: recordedAt }),
      };
    }
    case 'DeliveryAttempted':
      return withMessage(state, event.data.messageId, {
        status: 'in_flight',
        attempts: event.data.attempt,
        claimUntil: event.data.claimUntil,
      });
    case 'MessageDelivered':
      return withMessage(state, event.data.messageId, { status: 'delivered', claimUntil: undefined });
    case 'DeliveryFailed': {
      const { messageId, retryAt, error } = event.data;
      return withMessage(state, messageId, {
        status: retryAt === null ? 'failed' : 'pending',
        claimUntil: undefined,
        retryAt: retryAt ?? undefined,
        lastError: error,
      });
    }
    case 'CallbackScheduled': {
      const {
        resolvedAt,
        resolvedBy,
        summary,
        dueAt,
        closesWithoutObjectionAt,
        reReviewRequestBy,
        maxAttempts,
      } = event.data;
      return {
        ...state,
        stage: 'resolved',
        resolution: {
          resolvedAt,
          resolvedBy,
          summary,
          callbackDueAt: dueAt,
          closesWithoutObjectionAt,
          reReviewRequestBy,
          maxAttempts,
        },
        callbackAttempts: 0,
        satisfaction: undefined,
      };
    }
    case 'CallbackAttempted':
      return { ...state, callbackAttempts: event.data.attempt };
    case 'CustomerUnreachable':
      return state;
    case 'SurveyLinkIssued':
      return {
        ...state,
        surveyLinks: {
          ...state.surveyLinks,
          [event.data.tokenId]: { expiresAt: event.data.expiresAt, answered: false },
        },
      };
    case 'SurveyLinkAnswered': {
      const link = state.surveyLinks[event.data.tokenId];
      if (!link) return state;
      return {
        ...state,
        surveyLinks: { ...state.surveyLinks, [event.data.tokenId]: { ...link, answered: true } },
      };
    }
    case 'SatisfactionRecorded':
      return { ...state, satisfaction: event.data.satisfaction };
    case 'ComplaintReopened':
      return { ...state, stage: 'reopened', reopenCount: event.data.reopenCount, closure: undefined };
    case 'ReReviewRequested':
      return {
        ...state,
        stage: 'under_re_review',
        reReview: { reviewerId: event.data.reviewerId, answerDueBy: event.data.answerDueBy },
      };
    case 'ReReviewDecided':
      return state.reReview
        ? { ...state, reReview: { ...state.reReview, outcome: event.data.outcome } }
        : state;
    case 'ComplaintClosed':
      return {
        ...state,
        stage: 'closed',
        closure: {
          closedAt: event.data.closedAt,
          ...(event.data.reason !== undefined && { reason: event.data.reason }),
        },
      };
    default:
      return assertNever(event);
  }
}
