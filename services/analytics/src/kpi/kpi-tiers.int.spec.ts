import { countsByGroup, type KpiCell, KPI_GROUP_BY, sumCells } from '@kesu/analytics-domain';
import fc from 'fast-check';
import { provider, stores, useAnalyticsApp } from '../analytics.test-support';
import { KpiBuilds } from './kpi-builds';
import { KpiCells } from './kpi-cells';
import { KpiRollupStore } from './kpi-rollup-store';
import { generateHistory } from './kpi-history.test-support';
import { rolledUp } from './kpi.test-support';

/*
 * The month tier: over a generated history of 2,000 complaints through every lifecycle path (June
 * to November 2026), the cells a KPI query reads for any window — month cells for its whole months,
 * day cells at its edges — sum to exactly what the day cells of the window sum to, in total and in
 * every grouping but by day.
 */

useAnalyticsApp();

const DAY = 86_400_000;
const START = Date.parse('2026-05-01T00:00:00.000Z');
const dayOf = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);
const UNITS = [['hq'], ['east', 'west'], ['east-1', 'east-2', 'west-1', 'west-2'], ['west-2']];

it('reads the same KPIs from months and ragged days as from day cells alone, for any window', async () => {
  const builds = provider<KpiBuilds>(KpiBuilds);
  const rollups = provider<KpiRollupStore>(KpiRollupStore);
  const cells = provider<KpiCells>(KpiCells);
  await generateHistory(stores().store, 2_000, 21);
  await rolledUp(
    stores().store,
    () => builds.readable(),
    (build) => rollups.position(build),
  );
  const build = (await builds.readable())!;
  const dayCells = async (units: string[], from: string, to: string) => {
    const read: KpiCell[] = [];
    for await (const cell of rollups.cells(build, 'demo', units, from, to)) read.push(cell);
    return read;
  };
  const months = await cells.read('demo', ['hq'], { from: '2026-06-01', to: '2026-11-30' });
  expect(months.every((cell) => cell.day.length === 7)).toBe(true);
  expect(sumCells(months).received).toBe(
    sumCells(await dayCells(['hq'], '2026-06-01', '2026-11-30')).received,
  );

  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 240 }),
      fc.integer({ min: 0, max: 200 }),
      fc.constantFrom(...UNITS),
      fc.constantFrom(...KPI_GROUP_BY.filter((g) => g !== 'day')),
      async (start, length, units, groupBy) => {
        const window = { from: dayOf(start), to: dayOf(start + length) };
        const tiered = await cells.read('demo', units, window);
        const daily = await dayCells(units, window.from, window.to);
        expect(sumCells(tiered)).toEqual(sumCells(daily));
        expect(countsByGroup(tiered, groupBy)).toEqual(countsByGroup(daily, groupBy));
      },
    ),
    { numRuns: 60 },
  );
}, 300_000);
