import { addWorkingDays, type BusinessCalendar } from '@kesu/calendar';

/** How long a follow-up window lasts: working days of the tenant's calendar when set, else calendar hours. */
export interface WindowLength {
  readonly hours: number;
  /** 自…之日起 n 个工作日: the close of business of the n-th working day after the day it starts. */
  readonly workingDays?: number;
}

/**
 * The end of a follow-up window starting at `from` (UTC ISO instants): the close of business of
 * the `workingDays`-th working day after `from`'s local date on the tenant's calendar (weekends,
 * public holidays and make-up working days counted as the calendar has them), or `hours` of
 * calendar time when the length has no working days or no calendar is given.
 */
export function windowEnd(from: string, length: WindowLength, calendar?: BusinessCalendar): string {
  if (length.workingDays !== undefined && calendar !== undefined)
    return addWorkingDays(calendar, from, length.workingDays).at;
  return new Date(Date.parse(from) + length.hours * 3_600_000).toISOString();
}
