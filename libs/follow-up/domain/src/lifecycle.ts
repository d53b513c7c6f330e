import type {
  CallbackEvent,
  ClosureOutcome,
  ClosureReason,
  FollowUpEvent,
  FollowUpSettings,
  ReopenReason,
  ReReviewOutcome,
  SatisfactionLevel,
} from '@kesu/follow-up-contracts';
import type { BusinessCalendar } from '@kesu/calendar';
import { DomainRuleViolation, ForbiddenError, NotFoundError } from '@kesu/kernel';
import type { FollowUpState } from './follow-up';
import { callbackWindow, reReviewAnswerWindow, reReviewRequestWindow } from './settings';
import { windowEnd } from './windows';

// ---------------------------------------------------------------- commands

/** Case work resolved the complaint: hold the resolution and set its windows from the settings. */
export interface ScheduleCallback {
  readonly type: 'ScheduleCallback';
  readonly resolution: { readonly resolvedAt: string; readonly resolvedBy: string; readonly summary: string };
  readonly settings: FollowUpSettings;
  /** The tenant's business calendar, which working-day windows count on (without one: hours). */
  readonly calendar?: BusinessCalendar;
  readonly at: string;
}

/** The customer's answer, from the callback or the survey. */
export interface CustomerAnswer {
  readonly satisfaction: SatisfactionLevel;
  readonly score?: number;
  readonly comment?: string;
  readonly remedyReceived?: boolean;
}

/** An agent's callback (回访): reached with the customer's answer, or not reached. */
export interface RecordCallback {
  readonly type: 'RecordCallback';
  readonly by: string;
  readonly at: string;
  readonly reached: boolean;
  readonly answer?: CustomerAnswer;
  readonly note?: string;
  /** The complaint's category as classification holds it, for a closure. */
  readonly finalCategory: string;
}

export interface IssueSurveyLink {
  readonly type: 'IssueSurveyLink';
  readonly tokenId: string;
  readonly at: string;
  readonly expiresAt: string;
}

/** The customer answers the self-service survey through its link. */
export interface AnswerSurvey {
  readonly type: 'AnswerSurvey';
  readonly tokenId: string;
  readonly at: string;
  readonly answer: CustomerAnswer;
  readonly finalCategory: string;
}

export interface ReopenComplaint {
  readonly type: 'ReopenComplaint';
  readonly by: string;
  readonly at: string;
  readonly reason: ReopenReason;
  readonly note?: string;
  /** Whether the person reopening is a supervisor (only they reopen a closed complaint). */
  readonly bySupervisor: boolean;
}

export interface RequestReReview {
  readonly type: 'RequestReReview';
  readonly recordedBy: string;
  readonly at: string;
  /** A reviewer more senior than the original handler, chosen from the directory (`chooseReviewer`). */
  readonly reviewerId: string;
  readonly reason: string;
  readonly settings: FollowUpSettings;
  /** The tenant's business calendar, which the answer's limit counts on (without one: hours). */
  readonly calendar?: BusinessCalendar;
}

export interface DecideReReview {
  readonly type: 'DecideReReview';
  readonly by: string;
  readonly at: string;
  readonly outcome: ReReviewOutcome;
  readonly explanation: string;
  readonly finalCategory: string;
}

/** A supervisor closes the complaint (结案) with the outcome and summary. */
export interface CloseComplaint {
  readonly type: 'CloseComplaint';
  readonly by: string;
  readonly at: string;
  readonly outcome: ClosureOutcome;
  readonly summary?: string;
  readonly finalCategory: string;
}

/** The objection window's timer: closes a resolved complaint nobody objected to. */
export interface CloseWithoutObjection {
  readonly type: 'CloseWithoutObjection';
  readonly at: string;
  readonly finalCategory: string;
}

export type LifecycleCommand =
  | ScheduleCallback
  | RecordCallback
  | IssueSurveyLink
  | AnswerSurvey
  | ReopenComplaint
  | RequestReReview
  | DecideReReview
  | CloseComplaint
  | CloseWithoutObjection;

type LifecycleEvent = FollowUpEvent | CallbackEvent;

// ---------------------------------------------------------------- decide

const SATISFIED: readonly SatisfactionLevel[] = ['satisfied', 'basically_satisfied'];

const closed = (
  state: FollowUpState,
  closedBy: string,
  closedAt: string,
  reason: ClosureReason,
  finalCategory: string,
  outcome: ClosureOutcome = 'resolved',
  summary?: string,
): FollowUpEvent => ({
  type: 'ComplaintClosed',
  data: {
    complaintId: state.complaintId ?? '',
    closedBy,
    closedAt,
    outcome,
    finalCategory,
    reason,
    ...(summary !== undefined && { summary }),
  },
});

function awaitingAnswer(state: FollowUpState): void {
  if (state.stage !== 'resolved')
    throw new DomainRuleViolation('follow_up.not_resolved', `the complaint is ${state.stage}, not resolved`);
}

/** The customer's answer recorded, and the complaint closed when they are (basically) satisfied. */
function answered(
  state: FollowUpState,
  by: string,
  at: string,
  via: 'callback' | 'survey',
  answer: CustomerAnswer,
  finalCategory: string,
): FollowUpEvent[] {
  const events: FollowUpEvent[] = [
    {
      type: 'SatisfactionRecorded',
      data: { complaintId: state.complaintId ?? '', recordedAt: at, recordedBy: by, via, ...answer },
    },
  ];
  if (SATISFIED.includes(answer.satisfaction) && answer.remedyReceived !== false)
    events.push(closed(state, by, at, 'satisfied', finalCategory));
  return events;
}

/** Decides a lifecycle command on a complaint's follow-up. */
export function decideLifecycle(command: LifecycleCommand, state: FollowUpState): LifecycleEvent[] {
  const complaintId = state.complaintId ?? '';
  switch (command.type) {
    case 'ScheduleCallback': {
      const { resolution, settings, calendar } = command;
      if (state.stage === 'closed' || state.resolution?.resolvedAt === resolution.resolvedAt) return [];
      const from = resolution.resolvedAt;
      const dueAt = windowEnd(from, callbackWindow(settings), calendar);
      return [
        {
          type: 'CallbackScheduled',
          data: {
            complaintId,
            ...resolution,
            dueAt,
            // never closed without objection before the callback was due
            closesWithoutObjectionAt: [
              windowEnd(from, { hours: settings.objectionWindowHours }),
              dueAt,
            ].sort()[1]!,
            reReviewRequestBy: windowEnd(from, reReviewRequestWindow(settings), calendar),
            maxAttempts: settings.callbackMaxAttempts,
          },
        },
      ];
    }
    case 'RecordCallback': {
      awaitingAnswer(state);
      const { by, at, reached, answer, note, finalCategory } = command;
      if (reached) {
        if (!answer)
          throw new DomainRuleViolation('callback.answer_missing', 'a reached callback records the answer');
        return answered(state, by, at, 'callback', answer, finalCategory);
      }
      const attempt = state.callbackAttempts + 1;
      const events: LifecycleEvent[] = [
        {
          type: 'CallbackAttempted',
          data: {
            complaintId,
            attempt,
            attemptedBy: by,
            attemptedAt: at,
            ...(note !== undefined && { note }),
          },
        },
      ];
      if (attempt >= (state.resolution?.maxAttempts ?? 1)) {
        events.push({
          type: 'CustomerUnreachable',
          data: { complaintId, attempts: attempt, recordedAt: at },
        });
        events.push(closed(state, by, at, 'unreachable', finalCategory));
      }
      return events;
    }
    case 'IssueSurveyLink':
      if (state.surveyLinks[command.tokenId]) return [];
      return [
        {
          type: 'SurveyLinkIssued',
          data: { complaintId, tokenId: command.tokenId, issuedAt: command.at, expiresAt: command.expiresAt },
        },
      ];
    case 'AnswerSurvey': {
      const link = state.surveyLinks[command.tokenId];
      if (!link) throw new NotFoundError('survey.not_found', 'no such survey');
      if (link.answered)
        throw new DomainRuleViolation('survey.already_answered', 'this survey link has been used already');
      if (link.expiresAt <= command.at)
        throw new DomainRuleViolation('survey.expired', 'this survey link has expired');
      awaitingAnswer(state);
      return [
        {
          type: 'SurveyLinkAnswered',
          data: { complaintId, tokenId: command.tokenId, answeredAt: command.at },
        },
        ...answered(state, 'customer', command.at, 'survey', command.answer, command.finalCategory),
      ];
    }
    case 'ReopenComplaint': {
      const { by, at, reason, note, bySupervisor } = command;
      if (state.stage === 'closed' && !bySupervisor)
        throw new ForbiddenError(
          'follow_up.reopen_closed',
          'only a supervisor or a re-review reopens a closed complaint',
        );
      if (state.stage !== 'resolved' && state.stage !== 'closed')
        throw new DomainRuleViolation(
          'follow_up.not_resolved',
          `the complaint is ${state.stage}: nothing to reopen`,
        );
      return [reopened(complaintId, by, at, reason, state.reopenCount + 1, note)];
    }
    case 'RequestReReview': {
      const { recordedBy, at, reviewerId, reason, settings, calendar } = command;
      if (state.stage !== 'resolved' && state.stage !== 'closed')
        throw new DomainRuleViolation(
          're_review.not_answered',
          `the complaint is ${state.stage}: no answer to review`,
        );
      if (state.resolution && state.resolution.reReviewRequestBy < at)
        throw new DomainRuleViolation(
          're_review.window_passed',
          `a re-review could be requested until ${state.resolution.reReviewRequestBy}`,
        );
      if (reviewerId === state.resolution?.resolvedBy)
        throw new DomainRuleViolation(
          're_review.same_reviewer',
          'the reviewer cannot be the original handler',
        );
      return [
        {
          type: 'ReReviewRequested',
          data: {
            complaintId,
            requestedAt: at,
            recordedBy,
            reviewerId,
            reason,
            answerDueBy: windowEnd(at, reReviewAnswerWindow(settings), calendar),
          },
        },
      ];
    }
    case 'DecideReReview': {
      const { by, at, outcome, explanation, finalCategory } = command;
      if (state.stage !== 'under_re_review' || !state.reReview)
        throw new DomainRuleViolation('re_review.not_requested', 'no re-review is waiting for a decision');
      if (state.reReview.reviewerId !== by)
        throw new ForbiddenError(
          're_review.not_reviewer',
          'only the assigned reviewer decides the re-review',
        );
      const decided: LifecycleEvent = {
        type: 'ReReviewDecided',
        data: { complaintId, reviewerId: by, decidedAt: at, outcome, explanation },
      };
      if (outcome === 'changed')
        return [decided, reopened(complaintId, by, at, 're_review', state.reopenCount + 1, explanation)];
      return [decided, closed(state, by, at, 're_review_upheld', finalCategory, 'resolved', explanation)];
    }
    case 'CloseComplaint': {
      if (state.stage === 'closed')
        throw new DomainRuleViolation('follow_up.closed', 'the complaint is closed already');
      const { by, at, outcome, summary, finalCategory } = command;
      return [closed(state, by, at, 'supervisor_decision', finalCategory, outcome, summary)];
    }
    case 'CloseWithoutObjection': {
      const window = state.resolution?.closesWithoutObjectionAt;
      if (
        state.stage !== 'resolved' ||
        !window ||
        window > command.at ||
        state.satisfaction === 'unsatisfied'
      )
        return [];
      return [closed(state, 'follow-up', command.at, 'no_objection', command.finalCategory)];
    }
  }
}

const reopened = (
  complaintId: string,
  reopenedBy: string,
  reopenedAt: string,
  reason: ReopenReason,
  reopenCount: number,
  note?: string,
): FollowUpEvent => ({
  type: 'ComplaintReopened',
  data: { complaintId, reopenedBy, reopenedAt, reason, reopenCount, ...(note !== undefined && { note }) },
});
