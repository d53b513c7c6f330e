import { chinaMainlandCalendar } from './china-mainland';
import { addWorkingDays, addWorkingTime, nextWorkingDay, workingTimeBetween } from './working-time';
import { type BusinessCalendar, calendarProblems, dayKind, withOfficialYear } from './business-calendar';

const china = chinaMainlandCalendar();
const HOUR = 3_600_000;
/** Shanghai wall clock → UTC ISO. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('the mainland-China calendar of 2026', () => {
  it.each([
    ['2026-01-01', false, 'New Year'],
    ['2026-01-02', false, 'New Year (a Friday off)'],
    ['2026-01-04', true, 'a Sunday worked (调休)'],
    ['2026-02-14', true, 'a Saturday worked before the Spring Festival'],
    ['2026-02-16', false, 'Spring Festival'],
    ['2026-02-23', false, 'Spring Festival (a Monday off)'],
    ['2026-02-28', true, 'a Saturday worked after the Spring Festival'],
    ['2026-10-07', false, 'National Day'],
    ['2026-10-10', true, 'a Saturday worked after National Day'],
    ['2026-03-04', true, 'an ordinary Wednesday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
  ])('%s worked: %s (%s)', (date, working) => {
    expect(dayKind(china, date)).toEqual({ working, estimated: false });
  });

  it('a year without official data falls back to weekends and fixed-date holidays, flagged', () => {
    expect(dayKind(china, '2027-05-03')).toEqual({ working: true, estimated: true });
    expect(dayKind(china, '2027-10-01')).toEqual({ working: false, estimated: true });
    expect(dayKind(china, '2027-01-02')).toEqual({ working: false, estimated: true });
    expect(addWorkingDays(china, sh('2027-09-30T10:00:00'), 1)).toEqual({
      at: sh('2027-10-04T18:00:00'),
      estimated: true,
    });
  });

  it('a tenant admin loads the official notice of a year as data', () => {
    const loaded = withOfficialYear(china, {
      year: 2027,
      holidays: ['2027-10-01', '2027-10-04', '2027-10-05'],
      workdays: ['2027-10-09'],
      source: 'notice',
    });
    expect(dayKind(loaded, '2027-10-04')).toEqual({ working: false, estimated: false });
    expect(dayKind(loaded, '2027-10-09')).toEqual({ working: true, estimated: false });
    expect(addWorkingDays(loaded, sh('2027-09-30T10:00:00'), 1)).toEqual({
      at: sh('2027-10-06T18:00:00'),
      estimated: false,
    });
  });
});

describe('working-time arithmetic', () => {
  it('counts working hours only, skipping the lunch break and the night', () => {
    expect(addWorkingTime(china, sh('2026-03-04T11:00:00'), 2 * HOUR).at).toBe(sh('2026-03-04T14:00:00'));
    expect(addWorkingTime(china, sh('2026-03-04T17:00:00'), 2 * HOUR).at).toBe(sh('2026-03-05T10:00:00'));
    expect(addWorkingTime(china, sh('2026-03-04T20:00:00'), HOUR).at).toBe(sh('2026-03-05T10:00:00'));
  });

  it('working-hour edges: the close of a span is its end, the next hour starts at opening', () => {
    expect(addWorkingTime(china, sh('2026-03-04T09:00:00'), 3 * HOUR).at).toBe(sh('2026-03-04T12:00:00'));
    expect(addWorkingTime(china, sh('2026-03-04T18:00:00'), 1).at).toBe(
      new Date(Date.parse(sh('2026-03-05T09:00:00')) + 1).toISOString(),
    );
    expect(workingTimeBetween(china, sh('2026-03-04T12:00:00'), sh('2026-03-04T13:00:00')).ms).toBe(0);
  });

  it('skips weekends and holidays and works make-up days', () => {
    expect(addWorkingTime(china, sh('2026-03-06T17:00:00'), 2 * HOUR).at).toBe(sh('2026-03-09T10:00:00'));
    expect(addWorkingTime(china, sh('2026-12-31T17:00:00'), 2 * HOUR).at).toBe(sh('2027-01-04T10:00:00'));
    expect(addWorkingTime(china, sh('2026-02-13T17:00:00'), 2 * HOUR).at).toBe(sh('2026-02-14T10:00:00'));
    expect(addWorkingTime(china, sh('2026-02-14T18:00:00'), 8 * HOUR).at).toBe(sh('2026-02-24T18:00:00'));
  });

  it('N working days end at the close of the Nth working day after the day of receipt', () => {
    expect(addWorkingDays(china, sh('2026-09-30T10:00:00'), 7).at).toBe(sh('2026-10-15T18:00:00'));
    expect(addWorkingDays(china, sh('2026-02-12T10:00:00'), 2).at).toBe(sh('2026-02-14T18:00:00'));
    expect(addWorkingDays(china, sh('2026-03-07T10:00:00'), 0).at).toBe(sh('2026-03-09T18:00:00'));
    expect(nextWorkingDay(china, sh('2026-09-30T10:00:00')).date).toBe('2026-10-08');
  });

  it('works in the calendar time zone, whatever the instant is written in', () => {
    const london: BusinessCalendar = {
      timeZone: 'Europe/London',
      workingHours: [{ start: '09:00', end: '17:00' }],
      weekend: [6, 7],
      years: {},
      fallbackHolidays: ['12-25'],
    };
    // 2026-03-29 is the start of British Summer Time: 09:00 BST is 08:00Z.
    expect(addWorkingTime(london, '2026-03-27T16:00:00Z', 2 * HOUR).at).toBe('2026-03-30T09:00:00.000Z');
    expect(addWorkingDays(london, '2026-12-23T10:00:00Z', 2)).toEqual({
      at: '2026-12-28T17:00:00.000Z',
      estimated: true,
    });
    // Shanghai's working day starts at 01:00Z.
    expect(addWorkingTime(china, '2026-03-04T00:00:00Z', HOUR).at).toBe('2026-03-04T02:00:00.000Z');
  });

  it('names what is wrong with a calendar', () => {
    expect(calendarProblems(china)).toEqual([]);
    expect(
      calendarProblems({
        ...china,
        timeZone: 'Mars/Olympus',
        workingHours: [{ start: '18:00', end: '09:00' }],
      }),
    ).toEqual([
      { field: 'timeZone', message: 'must be an IANA time zone' },
      { field: 'workingHours[0]', message: 'must be HH:mm spans in order, start before end' },
    ]);
  });
});

describe('days worked out once per calendar', () => {
  it('a calendar changed after use (a year loaded, another zone, other hours) is counted on its own days', () => {
    const from = sh('2027-02-05T17:00:00');
    expect(addWorkingDays(china, from, 1)).toEqual({ at: sh('2027-02-08T18:00:00'), estimated: true });
    const notice = { year: 2027, holidays: ['2027-02-08'], workdays: [], source: 'a notice' };
    expect(addWorkingDays(withOfficialYear(china, notice), from, 1)).toEqual({
      at: sh('2027-02-09T18:00:00'),
      estimated: false,
    });
    const london = { ...china, timeZone: 'Europe/London' };
    expect(addWorkingTime(london, '2026-03-04T16:00:00Z', HOUR).at).toBe('2026-03-04T17:00:00.000Z');
    const longer = { ...china, workingHours: [{ start: '08:00', end: '20:00' }] };
    expect(addWorkingTime(longer, sh('2026-03-04T17:30:00'), HOUR).at).toBe(sh('2026-03-04T18:30:00'));
    expect(addWorkingTime(china, sh('2026-03-04T17:30:00'), HOUR).at).toBe(sh('2026-03-05T09:30:00'));
  });
});
