import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DOCUMENT_STORE } from '@kesu/platform';
import type { Clock, Collection, DocumentStore, Filter } from '@kesu/ports';
import { RECENT_COLLECTION, type RecentComplaintDoc } from './recent-complaints';

/** A claim older than this is a dead replica's. */
const CLAIM_MS = 30_000;

/**
 * The cross-replica claims that keep a complaint in one incident. The consumer handles partitions
 * side by side, in one process or several, so one detection may record a new incident while another
 * joins some of the same complaints, not yet marked, to an older one. A detection therefore claims
 * the complaints it puts in an incident before appending, on their recent entries (compare-and-set:
 * `claim`, with the Clock's time); a member's mark ends the claim, a dead replica's lapses after
 * `CLAIM_MS`. One that finds a complaint claimed for another incident matches again once that one
 * had the time to mark it.
 */
@Injectable()
export class IncidentClaims {
  private readonly recent: Collection<RecentComplaintDoc>;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.recent = documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
  }

  /**
   * Claims each complaint for the incident a match puts it in (by complaint id), where it is no
   * member and unclaimed, claimed for that incident, or claimed too long ago. False when one is
   * claimed for, or a member of, another incident.
   */
  async claim(taken: ReadonlyMap<string, string>): Promise<boolean> {
    const now = this.clock.now().getTime();
    const outcomes = await Promise.all(
      [...taken].map(async ([id, incidentId]) => {
        const set = { $set: { claim: { incidentId, at: now } } };
        const free: Filter[] = [
          { incidentId: null, claim: null },
          { incidentId: null, 'claim.incidentId': incidentId },
          { incidentId: null, 'claim.at': { $lt: now - CLAIM_MS } },
        ];
        for (const filter of free) if (await this.recent.update(id, set, { filter })) return true;
        const entry = await this.recent.get(id);
        // gone from the index (pruned), or a member of this incident already: nothing to guard
        return !entry || entry.incidentId === incidentId;
      }),
    );
    return !outcomes.includes(false);
  }

  /** Gives up the claims a detection still holds (marking a member ended the others). */
  async release(taken: ReadonlyMap<string, string>): Promise<void> {
    await Promise.all(
      [...taken].map(([id, incidentId]) =>
        this.recent.update(id, { $set: { claim: null } }, { filter: { 'claim.incidentId': incidentId } }),
      ),
    );
  }
}
