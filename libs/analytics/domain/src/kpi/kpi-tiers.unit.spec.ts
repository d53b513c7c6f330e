import fc from 'fast-check';
import { cellIdOf, type KpiCounts } from './kpi-rollup';
import { monthCellIdOf, monthDelta, tiersOf } from './kpi-tiers';

const key = {
  unitId: 'east-1',
  category: 'fees',
  severity: 'general',
  channel: 'hotline',
  departmentId: 'd',
  handlerId: 'h',
};
const DAY = 86_400_000;
const dayOf = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * DAY).toISOString().slice(0, 10);

describe('the month tier', () => {
  it('names the month cell of a day cell', () => {
    expect(monthCellIdOf(cellIdOf({ ...key, day: '2026-07-14' }))).toBe(cellIdOf({ ...key, day: '2026-07' }));
  });

  it('sums the changes of a month’s days into its month cell, leaving zeros out', () => {
    const delta = new Map<string, KpiCounts>([
      [cellIdOf({ ...key, day: '2026-07-14' }), { received: 1, closed: -1 }],
      [cellIdOf({ ...key, day: '2026-07-20' }), { closed: 1 }],
      [cellIdOf({ ...key, day: '2026-08-01' }), { received: 2 }],
    ]);
    expect(monthDelta(delta)).toEqual(
      new Map([
        [cellIdOf({ ...key, day: '2026-07' }), { received: 1 }],
        [cellIdOf({ ...key, day: '2026-08' }), { received: 2 }],
      ]),
    );
  });

  it('covers a window with its whole months and the ragged days around them', () => {
    expect(tiersOf({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      months: { from: '2026-01', to: '2026-12' },
      days: [],
    });
    expect(tiersOf({ from: '2026-01-15', to: '2026-03-10' })).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-10' },
      ],
    });
    expect(tiersOf({ from: '2026-02-02', to: '2026-02-28' })).toEqual({
      months: null,
      days: [{ from: '2026-02-02', to: '2026-02-28' }],
    });
    expect(tiersOf({ from: '2024-02-01', to: '2024-02-29' }).months).toEqual({
      from: '2024-02',
      to: '2024-02',
    });
  });

  it('covers every day of any window exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 500 }), (start, length) => {
        const from = dayOf(start);
        const to = dayOf(start + length);
        const { months, days } = tiersOf({ from, to });
        const covered: string[] = [];
        for (const range of days)
          for (let d = range.from; d <= range.to; d = dayOf((Date.parse(d) - Date.UTC(2025, 0, 1)) / DAY + 1))
            covered.push(d);
        for (let n = start; n <= start + length; n++) {
          const d = dayOf(n);
          if (months && d.slice(0, 7) >= months.from && d.slice(0, 7) <= months.to) covered.push(d);
        }
        if (months) {
          expect(`${months.from}-01` >= from).toBe(true);
          const [y, m] = months.to.split('-').map(Number) as [number, number];
          expect(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) <= to).toBe(true);
        }
        const expected = Array.from({ length: length + 1 }, (_, i) => dayOf(start + i));
        expect(covered.sort()).toEqual(expected);
      }),
    );
  });
});
