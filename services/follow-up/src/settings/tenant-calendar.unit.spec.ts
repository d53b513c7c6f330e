import { windowEnd } from '@kesu/follow-up-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { tenantCalendarOf } from './tenant-calendar';

const event = (type: string, data: object) => ({ type, data }) as unknown as RecordedEvent;

/** Follow-up counts working days on the calendar the tenant gave the SLA service. */
describe('the tenant’s calendar from the SLA settings events', () => {
  it('given no SLA settings, is mainland China’s: the next working day after National Day closes at 18:00 Shanghai', () => {
    const calendar = tenantCalendarOf([]);
    expect(windowEnd('2026-09-30T02:00:00.000Z', { hours: 24, workingDays: 1 }, calendar)).toBe(
      '2026-10-08T10:00:00.000Z',
    );
  });

  it('given the tenant’s working hours and a loaded year, counts on them', () => {
    const calendar = tenantCalendarOf([
      event('SlaPolicyChanged', {
        policy: {
          defaultPackId: 'seeds-default',
          selections: [],
          overrides: [],
          calendar: { timeZone: 'Asia/Shanghai', workingHours: [{ start: '08:30', end: '17:30' }] },
        },
      }),
      event('SlaCalendarLoaded', {
        calendar: { year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'test notice' },
      }),
    ]);
    // Thu 31 Dec → Fri 1 Jan off, the weekend, Mon 4 Jan off by the loaded notice → Tue 5 Jan, 17:30
    expect(windowEnd('2026-12-31T02:00:00.000Z', { hours: 24, workingDays: 1 }, calendar)).toBe(
      '2027-01-05T09:30:00.000Z',
    );
  });
});
