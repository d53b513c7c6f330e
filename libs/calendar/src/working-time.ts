import { DateTime } from 'luxon';
import { type BusinessCalendar, dayKind } from './business-calendar';

/** An instant computed on a calendar, flagged when a year without official data was assumed. */
export interface CalendarInstant {
  /** UTC ISO instant. */
  readonly at: string;
  readonly estimated: boolean;
}

/** A duration of working time measured on a calendar, flagged like `CalendarInstant`. */
export interface WorkingDuration {
  readonly ms: number;
  readonly estimated: boolean;
}

/** How far the arithmetic looks before it gives up on a calendar without working time (10 years). */
const MAX_DAYS = 3660;

interface Day {
  readonly date: string;
  readonly spans: readonly (readonly [number, number])[];
  readonly estimated: boolean;
}

function wallClock(date: string, hhmm: string, zone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  const day = DateTime.fromISO(date, { zone });
  const at =
    hour === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour, minute, second: 0, millisecond: 0 });
  return at.toMillis();
}

/** One `YYYY-MM-DD` formatter per zone (formatters are costly to make, cheap to use). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local date of an instant in the calendar's zone. */
export function localDate(calendar: BusinessCalendar, instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const zone = calendar.timeZone;
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(zone, format);
  }
  const date = format.format(ms);
  return ISO_DATE.test(date) ? date : (DateTime.fromMillis(ms, { zone }).toISODate() as string);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The days already worked out, per calendar: a calendar is data, so equal calendars share their
 * days whether or not they are one object. Bounded: a cache grown past its size starts again.
 */
const dayCaches = new Map<string, Map<string, Day>>();
const calendarKeys = new WeakMap<BusinessCalendar, string>();
const MAX_CALENDARS = 256;
const MAX_DAYS_CACHED = 8192;

function daysCacheOf(calendar: BusinessCalendar): Map<string, Day> {
  let key = calendarKeys.get(calendar);
  if (key === undefined) {
    const { timeZone, workingHours, weekend, years, fallbackHolidays } = calendar;
    key = JSON.stringify([timeZone, workingHours, weekend, fallbackHolidays, years]);
    calendarKeys.set(calendar, key);
  }
  let days = dayCaches.get(key);
  if (!days) {
    if (dayCaches.size >= MAX_CALENDARS) dayCaches.clear();
    dayCaches.set(key, (days = new Map()));
  }
  if (days.size >= MAX_DAYS_CACHED) days.clear();
  return days;
}

function dayOf(calendar: BusinessCalendar, date: string): Day {
  const days = daysCacheOf(calendar);
  let day = days.get(date);
  if (!day) days.set(date, (day = workOutDay(calendar, date)));
  return day;
}

function workOutDay(calendar: BusinessCalendar, date: string): Day {
  const kind = dayKind(calendar, date);
  const spans = kind.working
    ? calendar.workingHours.map(
        (h) =>
          [wallClock(date, h.start, calendar.timeZone), wallClock(date, h.end, calendar.timeZone)] as const,
      )
    : [];
  return Object.freeze({ date, spans, estimated: kind.estimated });
}

/** The days of the calendar from the local date of `from` on, at most `MAX_DAYS` of them. */
function* daysFrom(calendar: BusinessCalendar, from: number): Generator<Day> {
  let date = localDate(calendar, from);
  for (let i = 0; i < MAX_DAYS; i++) {
    yield dayOf(calendar, date);
    date = nextDate(date);
  }
  throw new Error('the calendar has no working time within ten years');
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The instant `ms` of working time after `from`: time outside working hours, on weekends and
 * holidays does not count; make-up working days do.
 */
export function addWorkingTime(calendar: BusinessCalendar, from: string, ms: number): CalendarInstant {
  const start = Date.parse(from);
  if (ms <= 0) return { at: iso(start), estimated: false };
  let left = ms;
  let estimated = false;
  for (const day of daysFrom(calendar, start)) {
    for (const [open, close] of day.spans) {
      const begin = Math.max(open, start);
      if (close <= begin) continue;
      estimated ||= day.estimated;
      if (close - begin >= left) return { at: iso(begin + left), estimated };
      left -= close - begin;
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** The working time between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(calendar: BusinessCalendar, from: string, to: string): WorkingDuration {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (end <= start) return { ms: 0, estimated: false };
  let ms = 0;
  let estimated = false;
  for (const day of daysFrom(calendar, start)) {
    for (const [open, close] of day.spans) {
      if (open >= end) return { ms, estimated };
      const overlap = Math.min(close, end) - Math.max(open, start);
      if (overlap > 0) {
        ms += overlap;
        estimated ||= day.estimated;
      }
    }
    if (Date.parse(`${day.date}T00:00:00Z`) > end + 2 * 86_400_000) break;
  }
  return { ms, estimated };
}

/**
 * The close of business of the `days`-th working day after the local date of `from` (自受理之日起 N
 * 个工作日: the day of receipt does not count). Zero days: the close of `from`'s own day, or of the
 * next working day when that is not worked.
 */
export function addWorkingDays(calendar: BusinessCalendar, from: string, days: number): CalendarInstant {
  const start = Date.parse(from);
  let counted = 0;
  let estimated = false;
  let first = true;
  for (const day of daysFrom(calendar, start)) {
    const isFirst = first;
    first = false;
    if (day.spans.length === 0) continue;
    if (isFirst && days > 0) continue;
    estimated ||= day.estimated;
    if (isFirst || ++counted >= days) return { at: iso(day.spans[day.spans.length - 1][1]), estimated };
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** The first working date after the local date of `from` (follow-up's "next working day"). */
export function nextWorkingDay(
  calendar: BusinessCalendar,
  from: string,
): { date: string; estimated: boolean } {
  let first = true;
  for (const day of daysFrom(calendar, Date.parse(from))) {
    if (!first && day.spans.length > 0) return { date: day.date, estimated: day.estimated };
    first = false;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}
