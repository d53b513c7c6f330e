import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type CollectiveCluster,
  type CollectiveIncident,
  collectiveIncidentData,
  collectiveIncidentDecider,
  type CollectiveIncidentEvent,
  DEFAULT_COLLECTIVE_DETECTION,
  descriptionTokens,
  incidentStream,
  matchCollectiveIncident,
  type RecentComplaint,
} from '@kesu/classification-domain';
import { type EventTypeRegistry, fold, type RecordedEvent } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type Collection,
  type DocumentStore,
  type EventStore,
  type Filter,
  handleCommand,
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
  /** The incident the complaint was recorded in or joined, once it was. */
  readonly incidentId?: string;
}

/**
 * A collective incident as `GET /api/v1/classification/incidents` lists it, folded from its stream
 * (`_id`: the incident id; `revision`: that of the stream's last event folded).
 */
export interface IncidentDoc extends CollectiveIncident {
  readonly _id: string;
  readonly revision: number;
}

export type Incident = CollectiveIncident;

export const RECENT_COLLECTION = 'classification_recent';
export const INCIDENT_COLLECTION = 'classification_incidents';
/** Description tokens kept per complaint: enough for similarity, bounded in size. */
export const MAX_RECENT_TOKENS = 200;
/** Recent complaints of one branch read per detection. */
const MAX_RECENT_READ = 1000;
/** Appends of a join tried while other replicas grow the same incident. */
const JOIN_ATTEMPTS = 10;

/**
 * Collective detection after classification. Each classified complaint is kept in a small index of
 * recent complaints (`classification_recent`, one document per complaint, pruned after two windows)
 * and matched against the complaints of its branch from two windows before it
 * (`matchCollectiveIncident`, grouped by top-level category, since complaints about one target often
 * differ in subcategory):
 * - a cluster it completes that holds no recorded complaint is appended as
 *   `CollectiveIncidentDetected` to `classification-incident-<id>` with expected revision `no_stream`:
 *   two replicas or a redelivery record it once (the loser's conflict means "already recorded");
 * - a complaint about a recorded incident's target (or in a cluster sharing members with it) joins it:
 *   `ComplaintJoinedCollectiveIncident` per new member, appended at the revision read from the stream
 *   and decided again on a conflict, so a complaint joins once however often it is delivered.
 * The incident's correlation id is its own id. `classification_incidents` is folded from the stream
 * after every append, written only over an older revision.
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
   * Indexes the classified complaint, then records the incidents it completes or joins it (and its
   * cluster) to the incident it belongs to. Safe to run again for the same complaint.
   */
  async classified(received: RecordedEvent, category: string): Promise<void> {
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
    const match = matchCollectiveIncident(received.tenantId, doc._id, [...byId.values()].map(toRecent));
    switch (match.kind) {
      case 'member':
        // a redelivery: the index catches up with the stream if an earlier delivery stopped short
        await this.index(match.incidentId, [doc._id]);
        return;
      case 'join':
        await this.join(match.incidentId, match.complaints, received);
        return;
      case 'detected':
        for (const cluster of match.clusters) await this.record(cluster, byId, received);
        return;
    }
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

  /**
   * Appends the incident (once across replicas and redeliveries). When it was recorded already, the
   * cluster's complaints it does not hold join it (the cluster grew since).
   */
  private async record(
    cluster: CollectiveCluster,
    recent: ReadonlyMap<string, RecentComplaintDoc>,
    received: RecordedEvent,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    try {
      await this.store.appendToStream(
        incidentStream(cluster.incidentId),
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
      // another replica, or an earlier delivery, recorded it: what it holds is the stream's word
      const members = cluster.complaintIds.map((id) => toRecent(recent.get(id)!));
      await this.join(cluster.incidentId, members, received);
      return;
    }
    await this.index(cluster.incidentId, cluster.complaintIds);
  }

  /** Appends the joins of the complaints that are not members yet, retrying on a conflict. */
  private async join(
    incidentId: string,
    complaints: readonly RecentComplaint[],
    received: RecordedEvent,
  ): Promise<void> {
    const joining = complaints.map(({ complaintId, complainantCount, receivedAt }) => ({
      complaintId,
      complainantCount,
      receivedAt,
    }));
    await handleCommand(
      this.store,
      this.registry,
      collectiveIncidentDecider,
      incidentStream(incidentId),
      { type: 'JoinCollectiveIncident', complaints: joining, at: this.clock.now().toISOString() },
      {
        occurredAt: this.clock.now().toISOString(),
        tenantId: received.tenantId,
        branchId: received.branchId,
        correlationId: incidentId,
        causationId: received.eventId,
        actor: CLASSIFICATION_ACTOR,
      },
      { maxAttempts: JOIN_ATTEMPTS },
    );
    await this.index(
      incidentId,
      complaints.map((c) => c.complaintId),
    );
  }

  /**
   * Folds the incident's stream into its document (unless a newer revision is there already) and
   * marks these complaints of the recent index as its members.
   */
  private async index(incidentId: string, complaintIds: readonly string[]): Promise<void> {
    const events = await this.store.readStream(incidentStream(incidentId));
    const incident = fold(
      collectiveIncidentDecider,
      events.map((e) => this.registry.toDomain<CollectiveIncidentEvent>(e)),
    );
    if (!incident) return;
    const { incidentId: _id, ...fields } = { ...incident, revision: events.length - 1 };
    await this.incidents.update(_id, { $setOnInsert: { incidentId: _id, ...fields } }, { upsert: true });
    for (const older of [{ revision: { $lt: fields.revision } }, { revision: null }] as Filter[])
      await this.incidents.update(_id, { $set: fields }, { filter: older });
    for (const id of complaintIds)
      if (incident.complaintIds.includes(id)) await this.recent.update(id, { $set: { incidentId } });
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
  ...(d.incidentId !== undefined && { incidentId: d.incidentId }),
});
