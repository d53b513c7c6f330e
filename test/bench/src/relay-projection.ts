import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import { EventTypeRegistry } from '@kesu/kernel';
import { intakeEventTypes } from '@kesu/intake-domain';
import { rebuildProjection, Relay, runProjection } from '@kesu/ports';
// The real complaint view projection of the analytics service (the bench may import any project).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { complaintViewProjection } from '../../../services/analytics/src/complaint-view/complaint-view.projection';
import { config, deadline, now, perSecond, progress, round, sleep, targets, tempDir } from './common';
import { appendConcurrently } from './event-store';
import { complaints } from './events';

/**
 * Appends N ComplaintReceived events, then starts the relay and the complaint view projection
 * and times until every view exists; then rebuilds the projection from the global log.
 */
export async function benchRelayProjection() {
  const dir = tempDir('projection');
  const storage = createEmbeddedStorage({ dataDir: dir.path });
  const registry = new EventTypeRegistry(intakeEventTypes);
  try {
    const n = config.projectionEvents;
    progress(`relay+projection: appending ${n} ComplaintReceived events`);
    const items = complaints(n);
    const appended = await appendConcurrently(storage.eventStore, items, config.concurrency);

    progress('relay+projection: relay and complaint view projection catching up');
    const views = storage.documents.collection(complaintViewProjection.collection);
    const relay = new Relay(storage.eventStore, storage.messageLog);
    const start = now();
    relay.start();
    const consumer = runProjection(complaintViewProjection, storage.messageLog, storage.documents, registry);
    const limit = deadline(Math.max(60, config.phaseSeconds));
    let projected = 0;
    while (!limit.passed()) {
      projected = await views.count();
      if (projected >= appended.events) break;
      await sleep(20);
    }
    const liveMs = now() - start;
    await relay.stop();
    await consumer.stop();

    progress(`projection rebuild: ${appended.events} events`);
    const rebuildTarget = {
      ...complaintViewProjection,
      name: 'complaint-view-rebuild',
      collection: 'complaint_views_rebuild',
    };
    const rebuildStart = now();
    const read = await rebuildProjection(rebuildTarget, storage.eventStore, storage.documents, registry);
    const rebuildMs = now() - rebuildStart;
    const rebuilt = await storage.documents.collection(rebuildTarget.collection).count();

    return {
      relayProjection: {
        events: appended.events,
        viewsProjected: projected,
        complete: projected >= appended.events,
        seconds: round(liveMs / 1000, 3),
        eventsPerSecond: perSecond(projected, liveMs),
        appendEventsPerSecond: appended.eventsPerSecond,
      },
      projectionRebuild: {
        events: read,
        documents: rebuilt,
        seconds: round(rebuildMs / 1000, 3),
        eventsPerSecond: perSecond(read, rebuildMs),
        target: targets.rebuildEventsPerSecond,
      },
    };
  } finally {
    await storage.close();
    dir.cleanup();
  }
}
