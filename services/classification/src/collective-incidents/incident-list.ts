import { type CollectiveIncidentEvent, incidentStream } from '@kesu/classification-contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type CollectiveIncident, evolveCollectiveIncident } from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import {
  type Collection,
  type DocumentStore,
  type EventStore,
  type Filter,
  type KnownState,
  type Page,
} from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import {
  documentOf,
  INCIDENT_COLLECTION,
  type IncidentDocument,
  incidentListProjection,
  incidentOf,
} from './incident-list.projection';

/** An incident, and the revision (and global position) of its stream's last event it holds. */
export type TrackedIncident = KnownState<CollectiveIncident>;

/** Which incidents a list shows: window start within [from, to]; merged into another, or not. */
export interface IncidentRange {
  readonly from?: string;
  readonly to?: string;
  readonly merged?: boolean;
}

/**
 * The incident list (`incidentListProjection`), read and written. Joins decide on an incident's
 * document, not on a cache: the document is every replica's, kept at the revision of the last
 * append by whichever replica made it, so one point read gives a join the incident as recorded
 * (a document behind costs only the events after its revision, read on the conflict), and a join
 * never reads the incident's whole stream, however many complaints joined it. Only the first join
 * of an incident whose document is missing reads the stream (a fresh one: a detection's event).
 */
@Injectable()
export class IncidentList implements OnModuleInit {
  private readonly incidents: Collection<IncidentDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.incidents = documents.collection<IncidentDocument>(INCIDENT_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.incidents.ensureIndex(['tenantId', 'branchId', 'windowStart']);
    await this.incidents.ensureIndex(['tenantId', 'windowStart']);
  }

  /** The incident as its document holds it, if one was written (with a revision). */
  async stored(incidentId: string): Promise<TrackedIncident | null> {
    const doc = await this.incidents.get(incidentId);
    if (!doc || typeof doc.revision !== 'number') return null;
    return { state: incidentOf(doc), revision: doc.revision, position: doc.lastPosition };
  }

  /** The incident with its stream's events after the revision it holds (all of them from null). */
  async catchUp(incidentId: string, known: TrackedIncident | null): Promise<TrackedIncident | null> {
    const fromRevision = known ? known.revision + 1 : 0;
    const newer = await this.store.readStream(incidentStream(incidentId), { fromRevision });
    let tracked = known;
    for (const event of newer) {
      const state = evolveCollectiveIncident(
        tracked?.state ?? null,
        this.registry.toDomain<CollectiveIncidentEvent>(event),
      );
      tracked = state && { state, revision: event.revision, position: event.globalPosition };
    }
    return tracked;
  }

  /** The incident as its stream tells it now: its document, caught up. */
  async current(incidentId: string): Promise<TrackedIncident | null> {
    return this.catchUp(incidentId, await this.stored(incidentId));
  }

  /**
   * Writes the incident's document at its revision, unless one of that revision or a newer one is
   * there already: of replicas writing at once, the newest stays, in whatever order they write.
   */
  async save(tracked: TrackedIncident | null): Promise<void> {
    if (!tracked) return;
    const { _id, ...folded } = documentOf(tracked.state, tracked.revision);
    const fields = {
      ...folded,
      lastPosition: tracked.position ?? 0,
      projectionVersion: incidentListProjection.version,
    };
    const older: Filter[] = [{ revision: { $lt: tracked.revision } }, { revision: null }];
    // issued together (one commit in the embedded store)
    await Promise.all([
      this.incidents.update(_id, { $setOnInsert: { ...fields, documentRevision: 1 } }, { upsert: true }),
      ...older.map((filter) =>
        this.incidents.update(_id, { $set: fields, $inc: { documentRevision: 1 } }, { filter }),
      ),
    ]);
  }

  /** The tenant's incidents of these branches in the range, newest window first. */
  find(
    tenantId: string,
    branches: readonly string[],
    range: IncidentRange,
    page: { readonly cursor?: string; readonly limit: number },
  ): Promise<Page<IncidentDocument>> {
    const windowStart = {
      ...(range.from !== undefined && { $gte: new Date(range.from).toISOString() }),
      ...(range.to !== undefined && { $lte: new Date(range.to).toISOString() }),
    };
    const filter: Filter = {
      tenantId,
      branchId: branches.length === 1 ? branches[0]! : { $in: [...branches] },
      ...(Object.keys(windowStart).length > 0 && { windowStart }),
      ...(range.merged !== undefined && { mergedInto: range.merged ? { $ne: null } : null }),
    };
    return this.incidents.find(filter, {
      sort: { field: 'windowStart', direction: -1 },
      limit: page.limit,
      ...(page.cursor !== undefined && { cursor: page.cursor }),
    });
  }
}
