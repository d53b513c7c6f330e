import { incidentStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CollectiveCluster,
  collectiveIncidentDecider,
  type CollectiveMatch,
  complaintsTakenBy,
  matchCollectiveIncident,
  type RecentComplaint,
} from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand, WrongExpectedRevisionError } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { IncidentClaims } from './incident-claims';
import { serviceMetadata } from './incident-events';
import { IncidentJoins } from './incident-joins';
import { IncidentList } from './incident-list';
import { TenantSettings } from '../settings/tenant-settings.service';
import { RecentComplaints } from './recent-complaints';

/** Times a detection matches again after others took some of its complaints elsewhere. */
const MATCH_ATTEMPTS = 5;
/** The first wait before matching again after a claim was refused (then twice, three times …). */
const CLAIM_RETRY_MS = 20;

/**
 * Collective detection after classification. Each classified complaint is indexed among the recent
 * complaints (`RecentComplaints`) and matched against those of its branch and top-level category
 * from two windows before it (`matchCollectiveIncident`: complaints about one target often differ in
 * subcategory), with the tenant's collective threshold as the number of complaints (or of one
 * complaint's complainants) that makes an incident. Before recording anything it claims the complaints the match puts in an incident
 * (`IncidentClaims`), so that a complaint belongs to one incident across replicas; then
 * - a cluster it completes that holds no recorded complaint is recorded (`RecordIncident`) on
 *   `classification-incident-<id>` with expected revision `no_stream`: two replicas or a redelivery
 *   record it once (the loser's conflict means "already recorded": its complaints join it);
 * - a complaint about a recorded incident's target (or in a cluster sharing members with it) joins
 *   it with its cluster (`IncidentJoins`);
 * - a member already has its incident's document caught up (a redelivery after a crash).
 * Safe to run again for the same complaint.
 */
@Injectable()
export class IncidentDetection {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recent: RecentComplaints,
    private readonly claims: IncidentClaims,
    private readonly joins: IncidentJoins,
    private readonly list: IncidentList,
    private readonly settings: TenantSettings,
  ) {}

  /**
   * Indexes the complaint classified in `category` (its ComplaintReceived), then records the
   * incidents it completes or joins it (and its cluster) to the incident it belongs to.
   */
  async classified(received: RecordedEvent, category: string): Promise<void> {
    const indexed = await this.recent.index(received, category);
    const threshold = await this.settings.collectiveThreshold(received.tenantId);
    const options = { minComplaints: threshold, minComplainants: threshold };
    for (let attempt = 1; ; attempt++) {
      const recent = await this.recent.around(indexed);
      const match = matchCollectiveIncident(received.tenantId, indexed._id, [...recent.values()], options);
      const taken = complaintsTakenBy(match);
      try {
        // another detection (of this replica or another) is putting some of them in another
        // incident: matched again once it had the time to mark them
        if (!(await this.claims.claim(taken)) && attempt < MATCH_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS * attempt));
          continue;
        }
        return await this.apply(match, recent, received);
      } finally {
        await this.claims.release(taken);
      }
    }
  }

  /** Records what the match found: the incidents detected, or the complaints' joins. */
  private async apply(
    match: CollectiveMatch,
    recent: ReadonlyMap<string, RecentComplaint>,
    received: RecordedEvent,
  ): Promise<void> {
    switch (match.kind) {
      case 'member': {
        const stored = await this.list.stored(match.incidentId);
        const current = await this.list.catchUp(match.incidentId, stored);
        if (current && current.revision !== stored?.revision) await this.list.save(current);
        return;
      }
      case 'join':
        return this.joins.join(match.incidentId, match.complaints, received);
      case 'detected':
        for (const cluster of match.clusters) await this.record(cluster, recent, received);
        return;
    }
  }

  /**
   * Records the incident (once across replicas and redeliveries: a new stream only). When it was
   * recorded already, the cluster's complaints it does not hold join it (the cluster grew since).
   */
  private async record(
    cluster: CollectiveCluster,
    recent: ReadonlyMap<string, RecentComplaint>,
    received: RecordedEvent,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    try {
      const { state, revision, position } = await handleCommand(
        this.store,
        this.registry,
        collectiveIncidentDecider,
        incidentStream(cluster.incidentId),
        { type: 'RecordIncident', cluster, at },
        serviceMetadata(cluster, received.eventId, at),
        { from: { state: null, revision: -1 }, maxAttempts: 1 },
      );
      await this.list.save({ state: state!, revision, position });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // another replica, or an earlier delivery, recorded it: what it holds is the stream's word
      const members = cluster.complaintIds.map((id) => recent.get(id)!);
      await this.joins.join(cluster.incidentId, members, received);
      return;
    }
    await this.recent.markMembers(cluster.incidentId, cluster.complaintIds);
  }
}
