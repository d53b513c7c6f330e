import { fold } from '@kesu/kernel';
import type { FollowUpStreamEvent } from './follow-up';
import { type FollowUpCommand, followUpDecider } from './follow-up-decider';
import { DEFAULT_FOLLOW_UP_SETTINGS } from './settings';

export const COMPLAINT = 'c-1';
export const RESOLVED_AT = '2026-12-01T02:00:00.000Z';

/** The events a command decides after the given events. */
export const when = (given: readonly FollowUpStreamEvent[], command: FollowUpCommand) =>
  followUpDecider.decide(command, fold(followUpDecider, given));

/** The state after the given events. */
export const stateAfter = (given: readonly FollowUpStreamEvent[]) => fold(followUpDecider, given);

/** The follow-up of a complaint resolved by handler `user-h1` at RESOLVED_AT, under the default settings. */
export const resolved = (): FollowUpStreamEvent[] => [
  ...when([], {
    type: 'ScheduleCallback',
    resolution: { resolvedAt: RESOLVED_AT, resolvedBy: 'user-h1', summary: '已退款' },
    settings: DEFAULT_FOLLOW_UP_SETTINGS,
    at: RESOLVED_AT,
  }).map((e) => ({ ...e, data: { ...e.data, complaintId: COMPLAINT } }) as FollowUpStreamEvent),
];

export const after = (hours: number): string =>
  new Date(Date.parse(RESOLVED_AT) + hours * 3_600_000).toISOString();
