import { isHoliday, isWorkday } from 'chinese-days';
import { DateTime } from 'luxon';
import type { BusinessCalendar, OfficialYear } from './business-calendar';

/** The years whose official mainland-China holidays and make-up working days ship with Kesu. */
export const CHINA_OFFICIAL_YEARS = [2026] as const;

/**
 * The fixed-date public holidays of mainland China (New Year, Labour Day, National Day), assumed for
 * a year whose notice is not loaded; the lunar holidays and the 调休 days are then unknown, so
 * every deadline computed in such a year is flagged as estimated.
 */
export const CHINA_FIXED_HOLIDAYS = ['01-01', '05-01', '10-01', '10-02', '10-03'] as const;

/** The package's data does not change while the process runs: each year is read from it once. */
const officialYears = new Map<number, OfficialYear>();

/**
 * One year's official days as the `chinese-days` package carries the State Council's notice: the
 * weekdays off and the weekend days worked.
 */
export function chinaOfficialYear(year: number): OfficialYear {
  let official = officialYears.get(year);
  if (!official) officialYears.set(year, (official = Object.freeze(officialYearOf(year))));
  return official;
}

function officialYearOf(year: number): OfficialYear {
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 })) {
    const date = d.toISODate() as string;
    const weekend = d.weekday >= 6;
    if (!weekend && isHoliday(date)) holidays.push(date);
    if (weekend && isWorkday(date)) workdays.push(date);
  }
  return { year, holidays, workdays, source: `State Council notice for ${year} (chinese-days)` };
}

let mainland: BusinessCalendar | undefined;

/** Mainland China's calendar: Asia/Shanghai, 09:00–12:00 and 13:00–18:00, the official years shipped. */
export function chinaMainlandCalendar(): BusinessCalendar {
  return (mainland ??= Object.freeze({
    timeZone: 'Asia/Shanghai',
    workingHours: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    weekend: [6, 7],
    years: Object.fromEntries(CHINA_OFFICIAL_YEARS.map((y) => [String(y), chinaOfficialYear(y)])),
    fallbackHolidays: [...CHINA_FIXED_HOLIDAYS],
  }));
}
