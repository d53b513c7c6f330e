import { DateTime } from 'luxon';

/** A span of working hours on a working day, local wall-clock `HH:mm` in the calendar's zone. */
export interface WorkingHours {
  readonly start: string;
  readonly end: string;
}

/**
 * One year's official days off and make-up working days (调休) as the authority published them:
 * calendar dates `YYYY-MM-DD`. A holiday on a weekend needs no entry; a make-up working day is a
 * weekend day worked.
 */
export interface OfficialYear {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
  /** Where the data comes from (e.g. the State Council's notice). */
  readonly source: string;
}

/**
 * A tenant's (or branch's) business calendar: its time zone, working hours, weekend, official
 * years, and what a year without official data falls back to.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  /** The working spans of a working day, in order, not overlapping (e.g. with a lunch break). */
  readonly workingHours: readonly WorkingHours[];
  /** ISO weekdays off (1 Monday … 7 Sunday). */
  readonly weekend: readonly number[];
  /** Official data per year. */
  readonly years: Readonly<Record<string, OfficialYear>>;
  /** Fixed-date holidays (`MM-DD`) assumed for a year without official data. */
  readonly fallbackHolidays: readonly string[];
}

/** Whether a local date is worked, and whether that comes from official data or the fallback. */
export interface DayKind {
  readonly working: boolean;
  /** True when the year has no official data: weekends and fixed-date holidays were assumed. */
  readonly estimated: boolean;
}

/** Whether `date` (`YYYY-MM-DD`, local) is a working day of the calendar. */
export function dayKind(calendar: BusinessCalendar, date: string): DayKind {
  const year = calendar.years[date.slice(0, 4)];
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  const weekend = calendar.weekend.includes(weekday);
  if (year) {
    if (year.workdays.includes(date)) return { working: true, estimated: false };
    if (year.holidays.includes(date)) return { working: false, estimated: false };
    return { working: !weekend, estimated: false };
  }
  const fixedHoliday = calendar.fallbackHolidays.includes(date.slice(5));
  return { working: !weekend && !fixedHoliday, estimated: true };
}

/** The calendar with one more year of official data (a tenant admin loading a notice). */
export function withOfficialYear(calendar: BusinessCalendar, year: OfficialYear): BusinessCalendar {
  return { ...calendar, years: { ...calendar.years, [String(year.year)]: year } };
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** What is wrong with a calendar, as field paths and messages (empty: valid). */
export function calendarProblems(calendar: BusinessCalendar): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!DateTime.local({ zone: calendar.timeZone }).isValid)
    problems.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  let previousEnd = '';
  calendar.workingHours.forEach((span, i) => {
    if (
      !HH_MM.test(span.start) ||
      !HH_MM.test(span.end) ||
      span.start >= span.end ||
      span.start < previousEnd
    )
      problems.push({
        field: `workingHours[${i}]`,
        message: 'must be HH:mm spans in order, start before end',
      });
    previousEnd = span.end;
  });
  if (calendar.workingHours.length === 0)
    problems.push({ field: 'workingHours', message: 'must name at least one span' });
  if (calendar.weekend.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || calendar.weekend.length > 6)
    problems.push({ field: 'weekend', message: 'must be ISO weekdays 1–7, at least one day worked' });
  for (const [key, year] of Object.entries(calendar.years))
    problems.push(...yearProblems(year, `years.${key}`));
  return problems;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with one year's official data (dates of that year, valid, not both kinds). */
export function yearProblems(year: OfficialYear, at = 'year'): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const field = (name: string) => (at === '' ? name : `${at}.${name}`);
  const ofYear = (d: string) =>
    DATE.test(d) && DateTime.fromISO(d, { zone: 'UTC' }).isValid && d.startsWith(`${year.year}-`);
  if (!Number.isInteger(year.year) || year.year < 2000 || year.year > 2100)
    problems.push({ field: field('year'), message: 'must be a year 2000–2100' });
  for (const kind of ['holidays', 'workdays'] as const)
    year[kind].forEach((d, i) => {
      if (!ofYear(d))
        problems.push({ field: field(`${kind}.${i}`), message: `must be a date of ${year.year}` });
    });
  if (year.holidays.some((d) => year.workdays.includes(d)))
    problems.push({ field: field('workdays'), message: 'a date cannot be both a holiday and a working day' });
  return problems;
}
