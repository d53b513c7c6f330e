import { incidentStream } from '@kesu/classification-contracts';
import { Logger } from '@nestjs/common';
// The classification service in process, over the embedded adapters (the bench may import any project).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startClassification } from '../../../services/classification/src/classification.test-support';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  INCIDENT_COLLECTION,
  type IncidentDocument,
} from '../../../services/classification/src/collective-incidents/incident-list.projection';
import { config, now, perSecond, progress, round, sleep, targets, verdict } from './common';
import { variedDescription } from './events';

/** What the classification consumers still have to handle, from the service's own lag gauge. */
async function backlog(metrics: () => Promise<string>): Promise<number> {
  return (await metrics())
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('kesu_consumer_lag_messages{') &&
        /group="classification\.(classify|collective-classify)"/.test(line),
    )
    .reduce((lag, line) => lag + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * The classification service's consumers catching up with a flood at one branch: `BENCH_FLOOD`
 * complaints recorded as intake records them (ComplaintReceived, published by the relay), then
 * timed until both consumer groups have handled everything — each complaint classified, matched for
 * collective incidents (nearly all of them join one) and, as a member, classified again. The
 * service runs alone in the process, on its own file database.
 */
export async function benchClassificationFlood() {
  Logger.overrideLogger(false);
  const app = await startClassification();
  try {
    const http = app.app.getHttpAdapter().getInstance() as {
      inject(request: object): Promise<{ body: string }>;
    };
    const metrics = async () => (await http.inject({ method: 'GET', url: '/metrics' })).body;
    const count = config.flood;
    const start = now();
    for (let i = 0; i < count; i += 200)
      await Promise.all(
        Array.from({ length: Math.min(200, count - i) }, (_, k) =>
          app.receive({ description: variedDescription(i + k), branchId: 'east-1' }),
        ),
      );
    const recorded = now();
    progress(
      `classification flood: ${count} complaints recorded in ${round((recorded - start) / 1000, 1)} s`,
    );
    let settledAt = now();
    for (let quiet = 0; quiet < 3;) {
      await sleep(100);
      if ((await backlog(metrics)) > 0) quiet = 0;
      else if (quiet++ === 0) settledAt = now();
    }
    const ms = settledAt - start;
    const { items } = await app.documents
      .collection<IncidentDocument>(INCIDENT_COLLECTION)
      .find({ tenantId: 'demo' }, { limit: 100 });
    const joined = items.reduce((n, incident) => n + incident.complaintCount, 0);
    const streams = await Promise.all(items.map((i) => app.store.readStream(incidentStream(i.incidentId))));
    progress(`classification flood: handled in ${round(ms / 1000, 1)} s`);
    return {
      complaints: count,
      branch: 'east-1',
      seconds: round(ms / 1000, 2),
      complaintsPerSecond: perSecond(count, ms),
      ...verdict(perSecond(count, ms), targets.classificationFloodPerSecond),
      incidents: items.length,
      complaintsInIncidents: joined,
      incidentEvents: streams.reduce((n, s) => n + s.length, 0),
    };
  } finally {
    await app.close();
  }
}
