import { countsByGroup, sumCells } from '../kpi/kpi-figures';
import { happened, received, Rollups } from '../kpi/kpi.test-support';
import { closuresBucketed, RETURN_PACKS, regulatorReturnOf } from './regulator-returns';

/*
 * Regulator returns against a hand-computed fixture: five complaints of November 2026 at east-1,
 * closed after 1 day, 10 days, 20 days and 70 days, one still open; remedies decide what is upheld.
 */

const [fca, china] = RETURN_PACKS;
const classified = (id: string, category: string) =>
  happened(id, 'ComplaintClassified', { category, severity: 'general' });
const resolved = (id: string, at: string, remedies: object[]) =>
  happened(id, 'ComplaintResolved', { resolvedAt: at, outcome: 'agreed', remedies, summary: '…' });
const closed = (id: string, at: string, finalCategory: string, outcome = 'resolved') =>
  happened(id, 'ComplaintClosed', { closedAt: at, finalCategory, outcome, closedBy: 'u' });

function fixture(): Rollups {
  return new Rollups().apply(
    received('a', '2026-11-02T02:00:00.000Z'),
    classified('a', 'fees'),
    resolved('a', '2026-11-02T06:00:00.000Z', [{ type: 'refund', amount: 120.5, currency: 'CNY' }]),
    closed('a', '2026-11-03T02:00:00.000Z', 'fees'),
    received('b', '2026-11-02T02:00:00.000Z'),
    classified('b', 'fees'),
    resolved('b', '2026-11-05T02:00:00.000Z', [{ type: 'explanation' }]),
    closed('b', '2026-11-12T02:00:00.000Z', 'fees'),
    received('c', '2026-11-01T02:00:00.000Z'),
    classified('c', 'attitude'),
    resolved('c', '2026-11-10T02:00:00.000Z', [
      { type: 'apology' },
      { type: 'compensation', amount: 200, currency: 'CNY' },
    ]),
    closed('c', '2026-11-21T02:00:00.000Z', 'attitude', 'partially_resolved'),
    received('d', '2026-09-20T02:00:00.000Z'),
    classified('d', 'attitude'),
    resolved('d', '2026-11-25T02:00:00.000Z', [{ type: 'redo' }]),
    closed('d', '2026-11-29T02:00:00.000Z', 'attitude', 'unresolved'),
    received('e', '2026-11-28T02:00:00.000Z'),
    classified('e', 'attitude'),
  );
}

const november = (rollups: Rollups) => rollups.of('east').filter((cell) => cell.day.startsWith('2026-11'));

describe('regulatorReturnOf', () => {
  it('counts opened, closed by time taken, upheld and redress per category, for each pack’s limit', () => {
    const cells = november(fixture());
    const input = {
      tenantId: 'demo',
      unitId: 'east',
      from: '2026-11-01',
      to: '2026-11-30',
      total: sumCells(cells),
      byCategory: countsByGroup(cells, 'category'),
      nameOfCategory: (key: string) => ({ zh: key, en: key }),
    };
    const uk = regulatorReturnOf({ ...input, pack: fca! });
    expect(uk.total).toEqual({
      key: 'total',
      name: { zh: '合计', en: 'Total' },
      opened: 4,
      closed: 4,
      closedWithin3Days: 1,
      closedWithinLimit: 3,
      closedLater: 1,
      upheld: 2,
      upheldShare: 50,
      redressPaid: { CNY: 320.5 },
    });
    expect(uk.rows.map((row) => [row.key, row.opened, row.closed, row.upheld, row.closedLater])).toEqual([
      ['attitude', 2, 2, 1, 1],
      ['fees', 2, 2, 1, 0],
    ]);
    const cn = regulatorReturnOf({ ...input, pack: china! });
    expect(cn.total).toMatchObject({ closedWithin3Days: 1, closedWithinLimit: 2, closedLater: 2 });
    expect(closuresBucketed(input.total)).toBe(true);
  });

  it('takes a closure back when the complaint is reopened', () => {
    const rollups = fixture().apply(
      happened('a', 'ComplaintReopened', { reopenedAt: '2026-11-04T02:00:00.000Z' }),
    );
    const total = sumCells(november(rollups));
    const uk = regulatorReturnOf({
      pack: fca!,
      tenantId: 'demo',
      unitId: 'east',
      from: '2026-11-01',
      to: '2026-11-30',
      total,
      byCategory: new Map(),
      nameOfCategory: (key) => ({ zh: key, en: key }),
    });
    expect(uk.total).toMatchObject({ closed: 3, closedWithin3Days: 0, upheld: 1, upheldShare: 33.3 });
  });
});
