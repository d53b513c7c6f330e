import type { FollowUpSettings } from '@kesu/follow-up-contracts';
import type { WindowLength } from './windows';

/** The built-in follow-up settings (domain.md: callback the next day, re-review 5 + 6 days). */
export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  callbackDueHours: 24,
  objectionWindowHours: 72,
  callbackMaxAttempts: 3,
  reReviewRequestHours: 5 * 24,
  reReviewAnswerHours: 6 * 24,
  surveyLinkHours: 7 * 24,
  progressUpdateHours: 72,
  callbackDueWorkingDays: 1,
  reReviewRequestWorkingDays: 5,
  reReviewAnswerWorkingDays: 6,
};

/** The callback's window of the settings. */
export const callbackWindow = (s: FollowUpSettings): WindowLength => ({
  hours: s.callbackDueHours,
  ...(s.callbackDueWorkingDays !== undefined && { workingDays: s.callbackDueWorkingDays }),
});

/** The window a re-review may be requested in. */
export const reReviewRequestWindow = (s: FollowUpSettings): WindowLength => ({
  hours: s.reReviewRequestHours,
  ...(s.reReviewRequestWorkingDays !== undefined && { workingDays: s.reReviewRequestWorkingDays }),
});

/** The limit a re-review is answered within. */
export const reReviewAnswerWindow = (s: FollowUpSettings): WindowLength => ({
  hours: s.reReviewAnswerHours,
  ...(s.reReviewAnswerWorkingDays !== undefined && { workingDays: s.reReviewAnswerWorkingDays }),
});

/** Whether the settings hold together: answers the problems, each naming its field. */
export function settingsProblems(settings: FollowUpSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (settings.objectionWindowHours < settings.callbackDueHours)
    problems.push({ field: 'objectionWindowHours', message: 'must not end before the callback is due' });
  return problems;
}
