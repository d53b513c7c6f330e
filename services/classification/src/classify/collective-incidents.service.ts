import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type CollectiveCluster,
  type CollectiveIncidentDetectedData,
  collectiveIncidentData,
  DEFAULT_COLLECTIVE_DETECTION,
  descriptionTokens,
  detectCollectiveIncidents,
  incidentStream,
  type RecentComplaint,
} from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type Collection,
  type DocumentStore,
  type EventStore,
  type Filter,
  type Page,
  WrongExpectedRevisionError,
} from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import type { ReceivedComplaint } from './complaint-classifier.service';

/** One recently classified complaint, as collective detection reads it (`_id`: the complaint id). */
export interface RecentComplaintDoc {
  readonly _id: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The top-level category: complaints about one target often land in sibling subcategories. */
  readonly category: string;
  readonly subjectName?: string;
  readonly tokens: readonly string[];
  /** ISO instant (UTC, `toISOString`), so that strings sort as times. */
  readonly receivedAt: string;
  readonly complainantCount: number;
  /** The incident the complaint was recorded in, once it was. */
  readonly incidentId?: string;
}

/** A recorded collective incident, as `GET /api/v1/classification/incidents` lists it (`_id`: the incident id). */
export interface IncidentDoc extends CollectiveIncidentDetectedData {
  readonly _id: string;
}

export type Incident = CollectiveIncidentDetectedData;

export const RECENT_COLLECTION = 'classification_recent';
export const INCIDENT_COLLECTION = 'classification_incidents';
/** Description tokens kept per complaint: enough for similarity, bounded in size. */
export const MAX_RECENT_TOKENS = 200;
/** Recent complaints of one branch read per detection. */
const MAX_RECENT_READ = 1000;

/**
 * Collective detection after classification. Each classified complaint is kept in a small index of
 * recent complaints (`classification_recent`, one document per complaint, pruned after two windows);
 * the complaints of its branch from two windows before it are run through `detectCollectiveIncidents`
 * (grouped by top-level category, since complaints about one target often differ in subcategory),
 * and each cluster that holds the complaint and is not yet recorded is appended as
 * `CollectiveIncidentDetected` to `classification-incident-<id>` with expected revision `no_stream`:
 * two replicas or a redelivery record it once (the loser's conflict means "already recorded").
 * The incident's correlation id is its own id.
 *
 * Only the first detection is recorded: a cluster that grows keeps its id (its first complaint is
 * still in the two windows read), so later members are not appended to the incident, and a cluster
 * sharing a member with a recorded incident is not recorded again.
 */
@Injectable()
export class CollectiveIncidents implements OnModuleInit {
  private readonly recent: Collection<RecentComplaintDoc>;
  private readonly incidents: Collection<IncidentDoc>;
  private readonly windowMs = DEFAULT_COLLECTIVE_DETECTION.windowMs;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.recent = documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    this.incidents = documents.collection<IncidentDoc>(INCIDENT_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.recent.ensureIndex(['tenantId', 'branchId', 'receivedAt']);
    await this.incidents.ensureIndex(['tenantId', 'branchId', 'windowStart']);
    await this.incidents.ensureIndex(['tenantId', 'windowStart']);
  }

  /**
   * Indexes the classified complaint and records the incidents it completes; returns them (empty
   * when none is new). Safe to run again for the same complaint.
   */
  async classified(received: RecordedEvent, category: string): Promise<Incident[]> {
    const data = received.data as ReceivedComplaint;
    const receivedAt = new Date(data.receivedAt).toISOString();
    const doc: RecentComplaintDoc = {
      _id: data.complaintId,
      tenantId: received.tenantId,
      branchId: data.branchId,
      category: category.split('.')[0]!,
      ...(data.subject.name !== undefined && { subjectName: data.subject.name }),
      tokens: descriptionTokens(data.description).slice(0, MAX_RECENT_TOKENS),
      receivedAt,
      complainantCount: data.complainantCount,
    };
    const existing = await this.recent.get(doc._id);
    // written before reading: of two replicas classifying at once, the later one sees both
    await this.recent.put(existing?.incidentId ? { ...doc, incidentId: existing.incidentId } : doc);

    const t = Date.parse(receivedAt);
    const scope = { tenantId: received.tenantId, branchId: data.branchId };
    await this.prune(scope, new Date(t - 2 * this.windowMs).toISOString());
    const { items } = await this.recent.find(
      {
        ...scope,
        receivedAt: {
          $gte: new Date(t - 2 * this.windowMs).toISOString(),
          $lte: new Date(t + this.windowMs).toISOString(),
        },
      },
      { sort: { field: 'receivedAt', direction: 1 }, limit: MAX_RECENT_READ },
    );
    const byId = new Map(items.map((d) => [d._id, d]));
    byId.set(doc._id, byId.get(doc._id) ?? doc);
    const clusters = detectCollectiveIncidents(received.tenantId, [...byId.values()].map(toRecent)).filter(
      (c) => c.complaintIds.includes(doc._id),
    );
    const recorded: Incident[] = [];
    for (const cluster of clusters) {
      if (cluster.complaintIds.some((id) => byId.get(id)?.incidentId !== undefined)) continue;
      if (await this.incidents.get(cluster.incidentId)) continue;
      const incident = await this.record(cluster, received);
      if (incident) recorded.push(incident);
    }
    return recorded;
  }

  /** The tenant's incidents of these branches whose window started within [from, to], newest first. */
  list(
    tenantId: string,
    branches: readonly string[],
    range: { from?: string; to?: string },
    page: { cursor?: string; limit: number },
  ): Promise<Page<IncidentDoc>> {
    const windowStart = {
      ...(range.from !== undefined && { $gte: new Date(range.from).toISOString() }),
      ...(range.to !== undefined && { $lte: new Date(range.to).toISOString() }),
    };
    const filter: Filter = {
      tenantId,
      branchId: branches.length === 1 ? branches[0]! : { $in: [...branches] },
      ...(Object.keys(windowStart).length > 0 && { windowStart }),
    };
    return this.incidents.find(filter, {
      sort: { field: 'windowStart', direction: -1 },
      limit: page.limit,
      ...(page.cursor !== undefined && { cursor: page.cursor }),
    });
  }

  /** Appends the incident (once across replicas and redeliveries) and indexes it from its stream. */
  private async record(cluster: CollectiveCluster, received: RecordedEvent): Promise<Incident | null> {
    const at = this.clock.now().toISOString();
    const streamId = incidentStream(cluster.incidentId);
    let appended = true;
    try {
      await this.store.appendToStream(
        streamId,
        [
          {
            eventId: uuidv7(),
            type: 'CollectiveIncidentDetected',
            schemaVersion: this.registry.currentVersion('CollectiveIncidentDetected'),
            occurredAt: at,
            tenantId: cluster.tenantId,
            branchId: cluster.branchId,
            correlationId: cluster.incidentId,
            causationId: received.eventId,
            actor: CLASSIFICATION_ACTOR,
            data: collectiveIncidentData(cluster, at),
          },
        ],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      appended = false; // another replica, or an earlier delivery, recorded it
    }
    // the stored event, not this attempt's cluster, is what the index shows
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (!first) return null;
    const incident = first.data as Incident;
    await this.incidents.put({ _id: incident.incidentId, ...incident });
    for (const id of incident.complaintIds)
      await this.recent.update(id, { $set: { incidentId: incident.incidentId } });
    return appended ? incident : null;
  }

  /** Drops the branch's complaints received before `before` (at most a page per call). */
  private async prune(scope: { tenantId: string; branchId: string }, before: string): Promise<void> {
    const { items } = await this.recent.find({ ...scope, receivedAt: { $lt: before } }, { limit: 100 });
    for (const old of items) await this.recent.delete(old._id);
  }
}

const toRecent = (d: RecentComplaintDoc): RecentComplaint => ({
  complaintId: d._id,
  branchId: d.branchId,
  category: d.category,
  ...(d.subjectName !== undefined && { subjectName: d.subjectName }),
  tokens: d.tokens,
  receivedAt: d.receivedAt,
  complainantCount: d.complainantCount,
});
