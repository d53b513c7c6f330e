import { chinaMainlandCalendar } from '@kesu/calendar';
import type { SlaPolicy } from '@kesu/sla-contracts';
import { deadlineOf } from './deadlines';
import { calendarOf, DEFAULT_SLA_POLICY, packFor, rulesFor, slaPolicyProblems } from './policy';

const policy: SlaPolicy = {
  defaultPackId: 'seeds-default',
  selections: [
    { branchId: 'bank-branch', packId: 'cn-banking-insurance' },
    { category: 'metering', packId: 'cn-12315' },
    { branchId: 'bank-branch', category: 'metering', packId: 'us-cfpb' },
  ],
  overrides: [{ milestone: 'resolve', within: { amount: 5, unit: 'days' }, severities: ['minor'] }],
};

describe('a tenant’s SLA policy', () => {
  it('picks the pack per branch and category, the most specific selection first', () => {
    expect(packFor(policy, { branchId: 'x', channel: 'phone' }).id).toBe('seeds-default');
    expect(packFor(policy, { branchId: 'bank-branch', channel: 'phone' }).id).toBe('cn-banking-insurance');
    expect(packFor(policy, { branchId: 'x', channel: 'phone', category: 'metering' }).id).toBe('cn-12315');
    expect(packFor(policy, { branchId: 'bank-branch', channel: 'phone', category: 'metering' }).id).toBe(
      'us-cfpb',
    );
  });

  it('overrides a pack’s targets', () => {
    expect(rulesFor(policy, { branchId: 'x', channel: 'phone', severity: 'minor' }).targets.resolve).toEqual({
      amount: 5,
      unit: 'days',
    });
    expect(rulesFor(policy, { branchId: 'x', channel: 'phone', severity: 'major' }).targets.resolve).toEqual({
      amount: 3,
      unit: 'days',
    });
  });

  it('a government transfer’s deadline wins when earlier, not when later', () => {
    const calendar = chinaMainlandCalendar();
    const from = '2026-03-04T02:00:00.000Z';
    const within = { amount: 3, unit: 'days' as const };
    const earlier = deadlineOf(calendar, 'resolve', from, within, 0.8, '2026-03-05T02:00:00.000Z');
    expect(earlier).toMatchObject({ dueAt: '2026-03-05T02:00:00.000Z', source: 'government' });
    expect(earlier.warnAt).toBe('2026-03-04T21:12:00.000Z');
    const later = deadlineOf(calendar, 'resolve', from, within, 0.8, '2026-03-20T02:00:00.000Z');
    expect(later).toMatchObject({ dueAt: '2026-03-07T02:00:00.000Z', source: 'policy' });
  });

  it('uses the tenant’s calendar and the years it loaded', () => {
    const cal = calendarOf(
      {
        ...DEFAULT_SLA_POLICY,
        calendar: { timeZone: 'Europe/London', workingHours: [{ start: '09:00', end: '17:00' }] },
      },
      [{ year: 2027, holidays: ['2027-10-04'], workdays: [], source: 'notice' }],
    );
    expect(cal.timeZone).toBe('Europe/London');
    expect(cal.years['2027'].holidays).toEqual(['2027-10-04']);
    expect(cal.years['2026'].holidays.length).toBeGreaterThan(10);
  });

  it('names what is wrong, field by field', () => {
    expect(slaPolicyProblems(policy)).toEqual([]);
    expect(
      slaPolicyProblems({
        defaultPackId: 'nope',
        selections: [{ packId: 'us-cfpb' }],
        overrides: [{ milestone: 'resolve', within: { amount: -1, unit: 'days' } }],
        warningThreshold: 1.5,
      }).map((p) => p.field),
    ).toEqual(['defaultPackId', 'selections[0]', 'overrides[0].within', 'warningThreshold']);
  });
});
