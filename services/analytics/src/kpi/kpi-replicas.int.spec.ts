import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import type { DocumentStore, EventStore } from '@kesu/ports';
import { startAnalyticsApp } from '../analytics.test-support';
import { buildName, KpiBuilds } from './kpi-builds';
import { generateHistory } from './kpi-history.test-support';
import { KpiRollupStore, rollupCollection } from './kpi-rollup-store';
import { KpiRollupWorker } from './kpi-rollup.worker';
import { rolledUp } from './kpi.test-support';

/*
 * Two analytics replicas over one store: a rebuild one of them started runs on the other too, which
 * lets the retired build go — so the live rollups stay current when the replica that rebuilt stops.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'kesu-analytics-replicas-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Waits until the app's rollups have folded the store's head; answers the build queries read. */
async function settled(app: NestFastifyApplication): Promise<string | null> {
  const builds = app.get(KpiBuilds);
  const rollups = app.get(KpiRollupStore);
  await rolledUp(
    app.get<EventStore>(EVENT_STORE),
    () => builds.readable(),
    (build) => rollups.position(build),
  );
  return builds.readable();
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await check()); waited += 50) {
    if (waited > 60_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('a rebuild started by one replica goes on in the other once the first stops', async () => {
  const first = await startAnalyticsApp(dataDir);
  const second = await startAnalyticsApp(dataDir);
  try {
    await generateHistory(first.get<EventStore>(EVENT_STORE), 300, 7);
    expect(await settled(first)).toBe(buildName(1));

    const rebuilt = await first.get(KpiRollupWorker).rebuild();
    expect(rebuilt).toBe(buildName(2));
    const builds = second.get(KpiBuilds);
    await until(async () => (await builds.state()).live === rebuilt, 'the rebuild is live');

    // the first replica stops; what arrives next is folded by the second into the live build
    await first.close();
    await generateHistory(second.get<EventStore>(EVENT_STORE), 100, 8);
    expect(await settled(second)).toBe(rebuilt);

    // and the build the rebuild replaced is removed, by the second too once it stopped folding it
    const store = second.get<EventStore>(EVENT_STORE);
    const replaced = buildName(1);
    const documents = second.get<DocumentStore>(DOCUMENT_STORE).collection(rollupCollection(replaced));
    await until(
      async () =>
        (await builds.retired()).length === 0 &&
        (await store.checkpoint(`analytics-kpi-rollups-${replaced}`)) === 0 &&
        (await documents.find({}, { limit: 1 })).items.length === 0,
      'the retired build is removed: its checkpoint and its documents',
    );
    expect(await store.checkpoint(`analytics-kpi-rollups-${rebuilt}`)).toBeGreaterThan(0);
  } finally {
    await first.close().catch(() => undefined);
    await second.close();
  }
}, 180_000);
