import { canonicalJson } from '@kesu/kernel';
import type { DocumentStore } from '@kesu/ports';
import { DOCUMENT_STORE } from '@kesu/platform';
import { get, provider, stores, useAnalyticsApp } from '../analytics.test-support';
import { buildName, KpiBuilds } from './kpi-builds';
import { KpiRollupStore, rollupCollection, type RollupDocument } from './kpi-rollup-store';
import { KpiRollupWorker } from './kpi-rollup.worker';
import { generateHistory } from './kpi-history.test-support';
import { rolledUp } from './kpi.test-support';

/*
 * A rebuild of the rollups from the event store, beside the live build, over a generated history of
 * 10,000 complaints through every lifecycle path: it switches over once caught up, and what it built
 * equals what the live build folded batch by batch as the history was appended.
 */

useAnalyticsApp();

async function everything(build: string): Promise<Map<string, unknown>> {
  const collection = provider<DocumentStore>(DOCUMENT_STORE).collection<RollupDocument>(
    rollupCollection(build),
  );
  const docs = new Map<string, unknown>();
  let cursor: string | undefined;
  do {
    const page = await collection.find({}, { limit: 1000, ...(cursor && { cursor }) });
    for (const doc of page.items) {
      const {
        lastPosition: _l,
        projectionVersion: _p,
        documentRevision: _r,
        ...kept
      } = doc as RollupDocument & Record<string, unknown>;
      if (doc.kind !== 'checkpoint') docs.set(doc._id, kept);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return docs;
}

it('rebuilds 10,000 complaints beside the live rollups, switches over, and equals them', async () => {
  const builds = provider<KpiBuilds>(KpiBuilds);
  const rollups = provider<KpiRollupStore>(KpiRollupStore);
  const settled = () =>
    rolledUp(
      stores().store,
      () => builds.readable(),
      (build) => rollups.position(build),
    );
  await generateHistory(stores().store, 10_000, 18);
  await settled();
  const live = (await builds.state()).live!;
  expect(live).toBe(buildName(1));
  const before = await get('analyst1', '/api/v1/analytics/kpis?from=2026-06-01&to=2026-11-30&groupBy=month');
  // nothing is appended from here on: the live build stays as it is until it is retired
  const incremental = await everything(live);

  const rebuilt = await provider<KpiRollupWorker>(KpiRollupWorker).rebuild();
  expect(rebuilt).toBe(buildName(2));
  const during = await builds.state();
  expect(during.live).toBe(live);
  expect(during.building?.build).toBe(rebuilt);
  for (let waited = 0; (await builds.state()).live !== rebuilt && waited < 300_000; waited += 50) {
    const progress = (await builds.state()).building;
    if (progress) expect(progress.position).toBeLessThanOrEqual(progress.head);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const after = await builds.state();
  expect(after).toMatchObject({ live: rebuilt, building: null });

  const fromStore = await everything(rebuilt);
  expect(incremental.size).toBeGreaterThan(10_000);
  expect([...fromStore.keys()].sort()).toEqual([...incremental.keys()].sort());
  const differing = [...incremental].filter(
    ([id, doc]) => canonicalJson(fromStore.get(id)) !== canonicalJson(doc),
  );
  expect(differing).toEqual([]);

  const now = await get('analyst1', '/api/v1/analytics/kpis?from=2026-06-01&to=2026-11-30&groupBy=month');
  expect(now.json()).toEqual(before.json());
  const total = now.json().total;
  expect(total.received).toBeGreaterThan(9_000);
  for (const field of [
    'resolvedOnTheSpot',
    'rejected',
    'closed',
    'reopened',
    'escalated',
    'breached',
    'repeats',
    'surveyed',
    'reReviews',
  ]) {
    expect([field, total[field] > 0]).toEqual([field, true]);
  }

  // the retired build is removed: its checkpoint, then its documents
  for (let waited = 0; (await builds.retired()).length > 0 && waited < 120_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await builds.retired()).toEqual([]);
  expect(await stores().store.checkpoint(`analytics-kpi-rollups-${live}`)).toBe(0);
  expect((await everything(live)).size).toBe(0);
  expect(await stores().store.checkpoint(`analytics-kpi-rollups-${rebuilt}`)).toBeGreaterThan(0);
}, 600_000);
