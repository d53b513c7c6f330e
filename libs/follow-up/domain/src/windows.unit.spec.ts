import { chinaMainlandCalendar } from '@kesu/calendar';
import type { FollowUpSettings } from '@kesu/follow-up-contracts';
import type { FollowUpStreamEvent } from './follow-up';
import { COMPLAINT, when } from './follow-up.test-support';
import { DEFAULT_FOLLOW_UP_SETTINGS } from './settings';
import { windowEnd } from './windows';

const calendar = chinaMainlandCalendar();

/** Case work resolved the complaint at `resolvedAt` (UTC), by handler `user-h1`. */
const resolvedAt = (at: string, settings: FollowUpSettings = DEFAULT_FOLLOW_UP_SETTINGS) =>
  when([], {
    type: 'ScheduleCallback',
    resolution: { resolvedAt: at, resolvedBy: 'user-h1', summary: '已退款' },
    settings,
    calendar,
    at,
  }).map((e) => ({ ...e, data: { ...e.data, complaintId: COMPLAINT } }) as FollowUpStreamEvent);

const reReviewRequestedAt = (given: FollowUpStreamEvent[], at: string) =>
  when(given, {
    type: 'RequestReReview',
    recordedBy: 'user-agent1',
    at,
    reviewerId: 'user-supervisor1',
    reason: '退款金额不足',
    settings: DEFAULT_FOLLOW_UP_SETTINGS,
    calendar,
  });

// Shanghai is UTC+8: 18:00 there, the close of business, is 10:00Z.
describe('follow-up windows in working days of the tenant’s calendar (seeds: mainland China 2026)', () => {
  it('given a resolution on a Friday, the callback is due the next Monday and a re-review may be asked 5 working days on', () => {
    const [scheduled] = resolvedAt('2026-12-04T02:00:00.000Z'); // Fri 4 Dec, 10:00
    expect(scheduled!.data).toMatchObject({
      dueAt: '2026-12-07T10:00:00.000Z', // Mon 7 Dec, 18:00
      reReviewRequestBy: '2026-12-11T10:00:00.000Z', // Fri 11 Dec, 18:00
    });
  });

  it('given a resolution the day before National Day, the callback is due the first working day after the holiday', () => {
    const [scheduled] = resolvedAt('2026-09-30T02:00:00.000Z'); // Wed 30 Sep, 10:00; 1–7 Oct off
    expect(scheduled!.data).toMatchObject({
      dueAt: '2026-10-08T10:00:00.000Z', // Thu 8 Oct
      // 8, 9, 10 (Saturday worked: 调休), 12, 13 Oct
      reReviewRequestBy: '2026-10-13T10:00:00.000Z',
      // the 72 hours to object end on 3 Oct, inside the holiday: not before the callback is due
      closesWithoutObjectionAt: '2026-10-08T10:00:00.000Z',
    });
  });

  it('when a re-review is requested after National Day, its answer is due 6 working days on, the make-up Saturday counted', () => {
    const given = resolvedAt('2026-09-30T02:00:00.000Z');
    const [requested] = reReviewRequestedAt(given, '2026-10-08T03:00:00.000Z');
    // 9, 10 (Saturday worked), 12, 13, 14, 15 Oct
    expect(requested!.data).toMatchObject({ answerDueBy: '2026-10-15T10:00:00.000Z' });
  });

  it('given a weekend before a Mid-Autumn Friday off, a working day is counted past both', () => {
    // Thu 24 Sep; Fri 25 Sep (Mid-Autumn) and the weekend are off
    expect(windowEnd('2026-09-24T02:00:00.000Z', { hours: 24, workingDays: 1 }, calendar)).toBe(
      '2026-09-28T10:00:00.000Z',
    );
  });

  it('given settings in hours only (a tenant that set no working days), the windows are calendar hours', () => {
    const { callbackDueWorkingDays, reReviewRequestWorkingDays, ...hoursOnly } = DEFAULT_FOLLOW_UP_SETTINGS;
    expect([callbackDueWorkingDays, reReviewRequestWorkingDays]).toEqual([1, 5]);
    const [scheduled] = resolvedAt('2026-09-30T02:00:00.000Z', hoursOnly);
    expect(scheduled!.data).toMatchObject({
      dueAt: '2026-10-01T02:00:00.000Z',
      reReviewRequestBy: '2026-10-05T02:00:00.000Z',
      closesWithoutObjectionAt: '2026-10-03T02:00:00.000Z',
    });
  });
});
