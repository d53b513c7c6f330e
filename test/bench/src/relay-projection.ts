import { intakeEventTypes } from '@kesu/intake-contracts';
import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import { EventTypeRegistry } from '@kesu/kernel';
import { prepareProjection, Relay, runProjection } from '@kesu/ports';
// The real complaint view projection of the analytics service (the bench may import any project).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { complaintViewProjection } from '../../../services/analytics/src/complaint-view/complaint-view.projection';
import {
  config,
  deadline,
  now,
  perSecond,
  progress,
  round,
  sleep,
  targets,
  tempDir,
  verdict,
} from './common';
import { appendConcurrently } from './event-store';
import { complaints } from './events';

/**
 * Appends N ComplaintReceived events, then starts the relay and the complaint view projection
 * and times until every view exists; then rebuilds the projection from the global log the way a
 * service does at start-up (`prepareProjection`), into an empty collection and over the live views.
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

    // The start-up step of a changed fold, as the worker runs it: first into an empty collection
    // (a new projection over the log), then over the live views with the version raised (an upgrade:
    // every stored view is read, found stale and replaced).
    const rebuild = async (projection: typeof complaintViewProjection) => {
      const start = now();
      const result = await prepareProjection(projection, storage.eventStore, storage.documents, registry);
      return { ms: now() - start, events: result.outcome === 'rebuilt' ? result.events : 0, result };
    };
    progress(`projection rebuild: ${appended.events} events into an empty collection`);
    const rebuildTarget = {
      ...complaintViewProjection,
      name: 'complaint-view-rebuild',
      collection: 'complaint_views_rebuild',
    };
    const fresh = await rebuild(rebuildTarget);
    const rebuilt = await storage.documents.collection(rebuildTarget.collection).count();
    progress(`projection upgrade: ${appended.events} events over the stale live views`);
    const upgrade = await rebuild({
      ...complaintViewProjection,
      version: complaintViewProjection.version + 1,
    });
    const upgraded = await views.count({ projectionVersion: complaintViewProjection.version + 1 });

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
        events: fresh.events,
        documents: rebuilt,
        seconds: round(fresh.ms / 1000, 3),
        eventsPerSecond: perSecond(fresh.events, fresh.ms),
        ...verdict(perSecond(fresh.events, fresh.ms), targets.rebuildEventsPerSecond),
        outcome: fresh.result.outcome,
        upgradeOverStaleViews: {
          events: upgrade.events,
          documents: upgraded,
          seconds: round(upgrade.ms / 1000, 3),
          eventsPerSecond: perSecond(upgrade.events, upgrade.ms),
          outcome: upgrade.result.outcome,
        },
      },
    };
  } finally {
    await storage.close();
    dir.cleanup();
  }
}
