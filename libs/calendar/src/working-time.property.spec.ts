import fc from 'fast-check';
import type { BusinessCalendar } from './business-calendar';
import { chinaMainlandCalendar } from './china-mainland';
import { addWorkingDays, addWorkingTime, workingTimeBetween } from './working-time';

const HOUR = 3_600_000;
const china = chinaMainlandCalendar();
const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  workingHours: [{ start: '08:30', end: '17:00' }],
  weekend: [6, 7],
  years: {},
  fallbackHolidays: ['01-01', '07-04', '12-25'],
};

/** Instants from late 2025 to early 2028: official 2026 data, fallback years, DST changes. */
const instant = fc
  .integer({ min: Date.parse('2025-11-01T00:00:00Z'), max: Date.parse('2028-02-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const duration = fc.integer({ min: 0, max: 200 * HOUR });
const calendar = fc.constantFrom(china, newYork);

describe('working-time properties', () => {
  it('adding then measuring working time round-trips', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, from, ms) => {
        const due = addWorkingTime(cal, from, ms);
        expect(workingTimeBetween(cal, from, due.at).ms).toBe(ms);
      }),
    );
  });

  it('working time is additive: a + b from the same start is b after a', () => {
    fc.assert(
      fc.property(calendar, instant, duration, duration, (cal, from, a, b) => {
        const afterA = addWorkingTime(cal, from, a).at;
        expect(addWorkingTime(cal, afterA, b).at).toBe(addWorkingTime(cal, from, a + b).at);
      }),
    );
  });

  it('a pause never shortens a deadline: extending by the working time paused moves it no earlier', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        duration,
        instant,
        fc.nat(30 * 24 * HOUR),
        (cal, from, ms, pausedAt, length) => {
          const resumedAt = new Date(Date.parse(pausedAt) + length).toISOString();
          const due = addWorkingTime(cal, from, ms).at;
          const paused = workingTimeBetween(cal, pausedAt, resumedAt).ms;
          const extended = addWorkingTime(cal, due, paused).at;
          expect(Date.parse(extended)).toBeGreaterThanOrEqual(Date.parse(due));
        },
      ),
    );
  });

  it('the measured working time never exceeds the elapsed time, and grows with it', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 30 * 24 * HOUR }), (cal, from, span) => {
        const to = new Date(Date.parse(from) + span).toISOString();
        const later = new Date(Date.parse(to) + HOUR).toISOString();
        const measured = workingTimeBetween(cal, from, to).ms;
        expect(measured).toBeLessThanOrEqual(span);
        expect(workingTimeBetween(cal, from, later).ms).toBeGreaterThanOrEqual(measured);
      }),
    );
  });

  it('N working days end after N−1 working days (N ≥ 2), and after the start', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 2, max: 30 }), (cal, from, n) => {
        const due = Date.parse(addWorkingDays(cal, from, n).at);
        expect(due).toBeGreaterThan(Date.parse(addWorkingDays(cal, from, n - 1).at));
        expect(due).toBeGreaterThan(Date.parse(from));
      }),
    );
  });

  it('flags a deadline that crossed a year without official data', () => {
    fc.assert(
      fc.property(instant, duration, (from, ms) => {
        const due = addWorkingTime(china, from, ms);
        const touches2026Only = from >= '2026-01-01' && due.at < '2026-12-31T16:00:00.000Z';
        if (touches2026Only) expect(due.estimated).toBe(false);
        if (from >= '2027-01-01' && ms > 0) expect(due.estimated).toBe(true);
      }),
    );
  });
});
