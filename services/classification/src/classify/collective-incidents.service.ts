import {
  type CollectiveIncidentEvent,
  type CollectiveIncidentMergedData,
  type ComplaintJoinedCollectiveIncident,
  incidentStream,
} from '@kesu/classification-contracts';
import { createHash } from 'node:crypto';
import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import {
  type CollectiveCluster,
  type CollectiveIncident,
  collectiveIncidentData,
  type CollectiveMatch,
  decideJoin,
  decideMerge,
  decideRemoval,
  DEFAULT_COLLECTIVE_DETECTION,
  descriptionTokens,
  evolveCollectiveIncident,
  incidentMembers,
  type JoiningComplaint,
  matchCollectiveIncident,
  type RecentComplaint,
} from '@kesu/classification-domain';
import {
  type Actor,
  DomainRuleViolation,
  type EventTypeRegistry,
  type NewEvent,
  type RecordedEvent,
} from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type Collection,
  type Document,
  type DocumentStore,
  type EventStore,
  type Filter,
  type Lease,
  type Page,
  releaseLease,
  takeLease,
  WrongExpectedRevisionError,
} from '@kesu/ports';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { correctedComplaint, intakeStreamOf, type ReceivedComplaint } from './complaint-classifier.service';

/** One recently classified complaint, as collective detection reads it (`_id`: the complaint id). */
export interface RecentComplaintDoc {
  readonly _id: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The top-level category: complaints about one target often land in sibling subcategories. */
  readonly category: string;
  readonly subjectName?: string;
  /** The document of its description tokens in `RECENT_TOKENS_COLLECTION`. */
  readonly tokensId?: string;
  /** The tokens themselves, in documents written before they were kept apart. */
  readonly tokens?: readonly string[];
  /** ISO instant (UTC, `toISOString`), so that strings sort as times. */
  readonly receivedAt: string;
  readonly complainantCount: number;
  /** The incident the complaint was recorded in or joined, once it was. */
  readonly incidentId?: string;
  /**
   * A detection putting it in an incident, from before its event is appended until the complaint is
   * marked its member (`at`: epoch ms): another replica's detection leaves it alone meanwhile.
   */
  readonly claim?: { readonly incidentId: string; readonly at: number } | null;
}

/**
 * A collective incident as `GET /api/v1/classification/incidents` lists it, folded from its stream
 * event by event (`_id`: the incident id; `revision`: that of the stream's last event folded). Its
 * size is bounded: totals, and a sample of the members (`CollectiveIncident.complaintIds`).
 */
export interface IncidentDoc extends CollectiveIncident {
  readonly _id: string;
  readonly revision: number;
}

export type Incident = CollectiveIncident;

export const RECENT_COLLECTION = 'classification_recent';
/**
 * The description tokens of the recent complaints, one document per complaint and description
 * (`<complaint id>:<digest>`), never changed: detection reads every recent complaint of a branch
 * and category for each complaint, and keeps the tokens it read in memory, so the index it reads
 * stays small.
 */
export const RECENT_TOKENS_COLLECTION = 'classification_recent_tokens';

/** A recent complaint's description tokens (`_id`: `<complaint id>:<digest of the tokens>`). */
export interface RecentTokensDoc {
  readonly _id: string;
  readonly tokens: readonly string[];
}

/** Token lists kept in memory, the oldest kept dropped first (about 6 kB each). */
const TOKEN_CACHE_SIZE = 5000;
export const INCIDENT_COLLECTION = 'classification_incidents';
/** Description tokens kept per complaint: enough for similarity, bounded in size. */
export const MAX_RECENT_TOKENS = 200;
/**
 * Recent complaints of one branch and category read per detection: the newest, so that in a flood
 * the members nearest the complaint are among them (an incident found is joined, whatever its size;
 * a new one needs 5). What detection costs per complaint grows with this number.
 */
const MAX_RECENT_READ = 300;
/** Appends of a join (or a merge) tried while other replicas grow the same incident. */
const JOIN_ATTEMPTS = 10;
/** Times a detection matches again after others took some of its complaints elsewhere. */
const MATCH_ATTEMPTS = 5;
/** A claim older than this is a dead replica's (see `RecentComplaintDoc.claim`). */
const CLAIM_MS = 30_000;
/** The first wait before matching again after a claim was refused (then twice, three times …). */
const CLAIM_RETRY_MS = 20;
/** Merged incidents followed from one to the one that took its complaints, at most. */
const MAX_MERGE_HOPS = 10;
/** Members of a merged incident joined to the other one per append. */
const MOVE_BATCH = 500;
/**
 * Per tenant, the lease a merge holds while it decides and records (`_id`: the tenant): merges are
 * decided one at a time, so that two never cross (one incident into another while that one goes
 * into the first), which no single stream's revision could prevent.
 */
export const INCIDENT_MERGE_LOCKS = 'classification_incident_merge_locks';
/** A merge's lease is taken over after this long without its holder finishing (a crashed replica). */
const MERGE_LEASE_MS = 30_000;
/** How long a merge waits for the one in progress before answering 409. */
const MERGE_WAIT_MS = 5_000;

interface MergeLockDoc extends Document {
  readonly lease: Lease | null;
}

/** Names the event ids of joins (uuid v5 of incident and complaint). */
const JOIN_EVENT_NAMESPACE = 'b5d0f3c2-6f0e-4c8e-9a57-3c1f2e8d7a41';

/** The one event id of a complaint's join to an incident: the store keeps an event id once per stream. */
export const joinEventId = (incidentId: string, complaintId: string): string =>
  uuidv5(`${incidentId}:${complaintId}`, JOIN_EVENT_NAMESPACE);

/** An incident's document without its id: the incident, and the revision of its stream it holds. */
type Tracked = Omit<IncidentDoc, '_id'>;

/** The person changing an incident, and the request's causation id (a retry records nothing twice). */
interface IncidentAuthor {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly causationId?: string;
}

/** A complaint that may join an incident, and the incident the recent index has it in, if any. */
type Candidate = JoiningComplaint & { readonly incidentId?: string };

/** A complaint to join, and the event that made it join. */
interface Joining {
  readonly complaint: Candidate;
  readonly received: RecordedEvent;
}

/** Complaints to join to one incident, waiting for the joins before them. */
interface JoinRequest {
  readonly complaints: readonly Candidate[];
  readonly received: RecordedEvent;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

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
 *   one `ComplaintJoinedCollectiveIncident` per new member (the complaint and the incident's totals),
 *   appended at the revision of the incident's document; on a conflict the document catches up with
 *   the events after that revision only, and the join is decided again. A complaint joins once: the
 *   recent index records its incident, and its join's event id is derived from incident and complaint
 *   (`joinEventId`), which the store keeps once per stream, so a redelivery or a second replica
 *   appending it again gets the stored event back.
 * A join costs the same however large the incident: nothing reads the incident's whole stream but
 * the first join of an incident whose document is missing. The incident's correlation id is its own
 * id. `classification_incidents` is updated from each appended event, written only over an older
 * revision.
 *
 * A person may merge an incident into another about the same matter (`merge`):
 * CollectiveIncidentMerged on the merged incident's stream, after which it takes no joins (a
 * complaint about its target joins the other). Its members move by `moveMembers`, run by the
 * collective consumer for that event: each joins the other incident as any complaint does, once.
 * A person may also take a complaint out of an incident (`removeMember`): it never joins that
 * incident again.
 *
 * A complaint belongs to one incident. The consumer handles partitions side by side, in one
 * process or several, so one detection may record a new incident while another joins some of the
 * same complaints, not yet marked, to an older one. A detection therefore claims the complaints it
 * puts in an incident, before appending, on their recent entries (compare-and-set; a member's mark
 * ends the claim, a dead replica's lapses after `CLAIM_MS`); one that finds a complaint claimed for
 * another incident matches again once that one had the time to mark it.
 */
@Injectable()
export class CollectiveIncidents implements OnModuleInit {
  private readonly recent: Collection<RecentComplaintDoc>;
  private readonly recentTokens: Collection<RecentTokensDoc>;
  /** Token lists by their document id: immutable, so never stale. */
  private readonly tokenCache = new Map<string, readonly string[]>();
  private readonly incidents: Collection<IncidentDoc>;
  private readonly mergeLocks: Collection<MergeLockDoc>;
  private readonly windowMs = DEFAULT_COLLECTIVE_DETECTION.windowMs;
  /** Per incident, the joins waiting for the one running in this process (see `join`). */
  private readonly joining = new Map<string, JoinRequest[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.recent = documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    this.recentTokens = documents.collection<RecentTokensDoc>(RECENT_TOKENS_COLLECTION);
    this.incidents = documents.collection<IncidentDoc>(INCIDENT_COLLECTION);
    this.mergeLocks = documents.collection<MergeLockDoc>(INCIDENT_MERGE_LOCKS);
  }

  async onModuleInit(): Promise<void> {
    await this.recent.ensureIndex(['tenantId', 'branchId', 'receivedAt']);
    await this.recent.ensureIndex(['tenantId', 'branchId', 'category', 'receivedAt']);
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
    const tokens = descriptionTokens(data.description).slice(0, MAX_RECENT_TOKENS);
    const tokensId = `${data.complaintId}:${createHash('sha256').update(tokens.join(' ')).digest('hex').slice(0, 16)}`;
    const doc: RecentComplaintDoc = {
      _id: data.complaintId,
      tenantId: received.tenantId,
      branchId: data.branchId,
      category: category.split('.')[0]!,
      ...(data.subject.name !== undefined && { subjectName: data.subject.name }),
      tokensId,
      receivedAt,
      complainantCount: data.complainantCount,
    };
    const existing = await this.recent.get(doc._id);
    const indexed = existing?.incidentId ? { ...doc, incidentId: existing.incidentId } : doc;
    const { _id, ...fields } = doc;
    // written before reading: of two replicas classifying at once, the later one sees both; a
    // redelivery leaves the incident another detection marked meanwhile in place
    await Promise.all([
      this.recentTokens.put({ _id: tokensId, tokens }),
      this.recent.update(
        _id,
        {
          $set: fields,
          // tokens kept inline by older releases, a subject name corrected away
          $unset: { tokens: true, ...(fields.subjectName === undefined && { subjectName: true }) },
        },
        { upsert: true },
      ),
      // a description corrected since: its earlier tokens are no longer read
      existing?.tokensId !== undefined && existing.tokensId !== tokensId
        ? this.recentTokens.delete(existing.tokensId)
        : undefined,
    ]);
    this.remember(tokensId, tokens);

    const t = Date.parse(receivedAt);
    const scope = { tenantId: received.tenantId, branchId: data.branchId };
    await this.prune(scope, new Date(t - 2 * this.windowMs).toISOString());
    for (let attempt = 1; ; attempt++) {
      const { match, recent } = await this.match(received, indexed, t);
      const taken = takenBy(match);
      try {
        // another detection (of this replica or another) is putting some of them in another
        // incident: matched again once it had the time to mark them
        if ((await this.claim(taken)) && attempt < MATCH_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS * attempt));
          continue;
        }
        return await this.apply(match, recent, received);
      } finally {
        await this.release(taken);
      }
    }
  }

  /**
   * Claims each complaint for the incident the match puts it in (compare-and-set on its recent
   * entry: not a member, and unclaimed, claimed for that incident, or claimed too long ago); true
   * when one is claimed for, or a member of, another incident.
   */
  private async claim(taken: ReadonlyMap<string, string>): Promise<boolean> {
    const now = Date.now();
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
    return outcomes.includes(false);
  }

  /** Gives up the claims a detection still holds (marking a member ends its claim). */
  private async release(taken: ReadonlyMap<string, string>): Promise<void> {
    await Promise.all(
      [...taken].map(([id, incidentId]) =>
        this.recent.update(id, { $set: { claim: null } }, { filter: { 'claim.incidentId': incidentId } }),
      ),
    );
  }

  /** The complaint matched against the newest recent complaints of its branch and category. */
  private async match(
    received: RecordedEvent,
    indexed: RecentComplaintDoc,
    t: number,
  ): Promise<{ match: CollectiveMatch; recent: Map<string, RecentComplaint> }> {
    // detection compares complaints of one branch and top-level category only
    const { items } = await this.recent.find(
      {
        tenantId: indexed.tenantId,
        branchId: indexed.branchId,
        category: indexed.category,
        receivedAt: {
          $gte: new Date(t - 2 * this.windowMs).toISOString(),
          $lte: new Date(t + this.windowMs).toISOString(),
        },
      },
      { sort: { field: 'receivedAt', direction: -1 }, limit: MAX_RECENT_READ },
    );
    const byId = new Map(items.map((d) => [d._id, d]));
    // the complaint as indexed, with its incident, even when it is older than those read
    byId.set(indexed._id, byId.get(indexed._id) ?? indexed);
    const recent = await this.withTokens([...byId.values()]);
    return { match: matchCollectiveIncident(received.tenantId, indexed._id, [...recent.values()]), recent };
  }

  /** Records what the match found: the incidents detected, or the complaints' joins. */
  private async apply(
    match: CollectiveMatch,
    recent: ReadonlyMap<string, RecentComplaint>,
    received: RecordedEvent,
  ): Promise<void> {
    switch (match.kind) {
      case 'member':
        // a redelivery: the document catches up with the stream if an earlier delivery stopped short
        await this.save(await this.catchUp(match.incidentId, await this.stored(match.incidentId)));
        return;
      case 'join':
        await this.join(match.incidentId, match.complaints, received);
        return;
      case 'detected':
        for (const cluster of match.clusters) await this.record(cluster, recent, received);
        return;
    }
  }

  /** The incident as its stream tells it now; null when the tenant has no such incident. */
  async incident(tenantId: string, incidentId: string): Promise<Incident | null> {
    const incident = await this.catchUp(incidentId, await this.stored(incidentId));
    if (!incident || incident.tenantId !== tenantId) return null;
    const { revision: _revision, ...shown } = incident;
    return shown;
  }

  /**
   * Merges the incident into another (CollectiveIncidentMerged on its stream, by the person and with
   * the reason), unless it was merged into that one already; answers it as it stands. 404 for an
   * incident the tenant does not have (either), 409 for one merged elsewhere, into itself or into
   * an incident that was merged in turn. Its members join the other afterwards (`moveMembers`).
   */
  async merge(
    author: IncidentAuthor,
    incidentId: string,
    intoIncidentId: string,
    reason: string,
  ): Promise<Incident> {
    return this.oneMergeAtATime(author.tenantId, () =>
      this.change(author, incidentId, async (at) => {
        const [merged, into] = await Promise.all(
          [incidentId, intoIncidentId].map(async (id) => {
            const incident = await this.catchUp(id, await this.stored(id));
            if (!incident || incident.tenantId !== author.tenantId)
              throw new NotFoundException(`collective incident ${id} not found`);
            return incident;
          }),
        );
        return {
          incident: merged!,
          event: decideMerge(merged!, { into: into!, reason, by: author.actor.id, at }),
        };
      }),
    );
  }

  /** Runs a merge holding the tenant's merge lease (see `INCIDENT_MERGE_LOCKS`); 409 after waiting too long. */
  private async oneMergeAtATime<T>(tenantId: string, merge: () => Promise<T>): Promise<T> {
    await this.mergeLocks.update(tenantId, { $setOnInsert: { lease: null } }, { upsert: true });
    const owner = uuidv7();
    const deadline = Date.now() + MERGE_WAIT_MS;
    const take = () =>
      takeLease(this.mergeLocks, tenantId, {
        field: 'lease',
        lease: { owner, heartbeatAt: Date.now() },
        leaseMs: MERGE_LEASE_MS,
      });
    while (!(await take())) {
      if (Date.now() > deadline)
        throw new DomainRuleViolation(
          'incident.merge_in_progress',
          "Another merge of this tenant's incidents is in progress; try again.",
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      return await merge();
    } finally {
      await releaseLease(this.mergeLocks, tenantId, 'lease', owner);
    }
  }

  /**
   * Joins every complaint of a merged incident to the incident it was merged into (each once; those
   * already there are left out), caused by the merge. Safe to run again. The complaints it was
   * detected with are read from intake for the people they speak for.
   */
  async moveMembers(merge: RecordedEvent): Promise<void> {
    const { incidentId, intoIncidentId } = merge.data as CollectiveIncidentMergedData;
    const history = await this.store.readStream(incidentStream(incidentId));
    const members = this.membersOf(history.filter((e) => e.revision < merge.revision));
    for (let i = 0; i < members.length; i += MOVE_BATCH) {
      const batch = await Promise.all(
        members.slice(i, i + MOVE_BATCH).map(async (member): Promise<Candidate | null> => {
          const { complaintId, complainantCount, receivedAt } = member;
          if (complainantCount !== undefined && receivedAt !== undefined)
            return { complaintId, complainantCount, receivedAt };
          const received = await this.intakeOf(complaintId);
          return received && { complaintId, ...received };
        }),
      );
      await this.join(
        intoIncidentId,
        batch.filter((c): c is Candidate => c !== null),
        merge,
      );
    }
  }

  /**
   * Takes a complaint out of the incident (ComplaintRemovedFromCollectiveIncident, by the person and
   * with the reason), unless it was taken out already; answers the incident as it stands. 404 for an
   * incident the tenant does not have or a complaint that is not its member, 409 for an incident
   * merged into another. The complaint never joins it again; the collective consumer classifies it
   * again without the incident's complainants.
   */
  async removeMember(
    author: IncidentAuthor,
    incidentId: string,
    complaintId: string,
    reason: string,
  ): Promise<Incident> {
    const incident = await this.change(author, incidentId, async (at) => {
      const history = await this.store.readStream(incidentStream(incidentId));
      const incident = this.fold(null, history);
      if (!incident || incident.tenantId !== author.tenantId)
        throw new NotFoundException(`collective incident ${incidentId} not found`);
      const member = this.membersOf(history).find((m) => m.complaintId === complaintId);
      if (!member && !incident.removedComplaintIds.includes(complaintId))
        throw new NotFoundException(
          `complaint ${complaintId} is not a member of collective incident ${incidentId}`,
        );
      const complainantCount =
        member?.complainantCount ?? (await this.intakeOf(complaintId))?.complainantCount ?? 1;
      const event = decideRemoval(incident, {
        complaintId,
        complainantCount,
        reason,
        by: author.actor.id,
        at,
      });
      return { incident, event };
    });
    // no longer its member in the recent index (unless it was marked a member of another since)
    await this.recent.update(complaintId, { $unset: { incidentId: true } }, { filter: { incidentId } });
    return incident;
  }

  /**
   * A person's change of an incident: decided on the incident as its stream tells it, appended at
   * that revision with the person as actor, decided again when the stream moved meanwhile (a
   * complaint joined). Answers the incident after it; a change that decides nothing records nothing.
   */
  private async change(
    author: IncidentAuthor,
    incidentId: string,
    decide: (at: string) => Promise<{ incident: Tracked; event: CollectiveIncidentEvent | null }>,
  ): Promise<Incident> {
    for (let attempt = 1; ; attempt++) {
      const at = this.clock.now().toISOString();
      const { incident, event } = await decide(at);
      if (event) {
        try {
          const { events } = await this.store.appendToStream(
            incidentStream(incidentId),
            [
              {
                eventId: uuidv7(),
                type: event.type,
                schemaVersion: this.registry.currentVersion(event.type),
                occurredAt: at,
                tenantId: incident.tenantId,
                branchId: incident.branchId,
                correlationId: incidentId,
                causationId: author.causationId ?? `request-${uuidv7()}`,
                actor: author.actor,
                data: event.data,
              },
            ],
            incident.revision,
          );
          await this.save(this.fold(incident, events));
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= JOIN_ATTEMPTS) throw error;
          continue;
        }
      }
      return (await this.incident(author.tenantId, incidentId))!;
    }
  }

  /** The members an incident's events name (see `incidentMembers`). */
  private membersOf(events: readonly RecordedEvent[]) {
    return incidentMembers(events.map((e) => this.registry.toDomain<CollectiveIncidentEvent>(e)));
  }

  /**
   * The people a complaint speaks for and when it was received, as intake has it now (corrections
   * applied): what the incident's detection event does not name per complaint. Null without a record.
   */
  private async intakeOf(
    complaintId: string,
  ): Promise<Pick<Candidate, 'complainantCount' | 'receivedAt'> | null> {
    const intake = await this.store.readStream(intakeStreamOf(complaintId));
    if (!intake.some((e) => e.type === 'ComplaintReceived')) return null;
    const { complainantCount, receivedAt } = correctedComplaint(intake);
    return { complainantCount, receivedAt };
  }

  /**
   * The tenant's incidents of these branches whose window started within [from, to], newest first;
   * with `merged`, only those merged into another (true) or standing alone (false).
   */
  list(
    tenantId: string,
    branches: readonly string[],
    range: { from?: string; to?: string; merged?: boolean },
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
      ...(range.merged !== undefined && { mergedInto: range.merged ? { $ne: null } : null }),
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
    recent: ReadonlyMap<string, RecentComplaint>,
    received: RecordedEvent,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    let appended: readonly RecordedEvent[];
    try {
      ({ events: appended } = await this.store.appendToStream(
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
      ));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // another replica, or an earlier delivery, recorded it: what it holds is the stream's word
      const members = cluster.complaintIds.map((id) => recent.get(id)!);
      await this.join(cluster.incidentId, members, received);
      return;
    }
    const incident = this.fold(null, appended);
    await this.save(incident);
    await this.markMembers(cluster.incidentId, cluster.complaintIds);
  }

  /**
   * Joins the complaints that are not members yet, one event each, appended at the revision the
   * incident's document holds; a conflict catches the document up with the newer events and decides
   * the join again. Complaints the recent index or the document names as members are left out.
   *
   * Joins to one incident wait for each other within this process: the consumer handles its
   * partitions side by side, and appends to one growing incident would otherwise only conflict and
   * retry. Those that arrive while one runs are appended together next, in one append (in a flood
   * nearly every complaint joins the same incident). Other replicas' joins still conflict and are
   * retried.
   */
  private join(incidentId: string, complaints: readonly Candidate[], received: RecordedEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = { complaints, received, resolve, reject };
      const queue = this.joining.get(incidentId);
      if (queue) {
        queue.push(request);
        return;
      }
      const fresh = [request];
      this.joining.set(incidentId, fresh);
      void this.drainJoins(incidentId, fresh);
    });
  }

  private async drainJoins(incidentId: string, queue: JoinRequest[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      try {
        await this.joinNow(incidentId, batch);
        for (const request of batch) request.resolve();
      } catch (error) {
        for (const request of batch) request.reject(error);
      }
    }
    this.joining.delete(incidentId);
  }

  private async joinNow(incidentId: string, batch: readonly JoinRequest[], hops = 0): Promise<void> {
    let incident = await this.stored(incidentId);
    // detected by another replica whose document is not written yet: its stream is short
    if (!incident) incident = await this.catchUp(incidentId, null);
    if (!incident) return;
    const joining = new Map<string, Joining>();
    for (const { complaints, received } of batch)
      for (const complaint of complaints)
        if (complaint.incidentId !== incidentId && !joining.has(complaint.complaintId))
          joining.set(complaint.complaintId, { complaint, received });
    // those a join before this one marked since they were read
    for (const doc of await this.recent.getMany([...joining.keys()]))
      if (doc.incidentId === incidentId) joining.delete(doc._id);
    incident = await this.appendJoins(incident, [...joining.values()]);
    await this.save(incident);
    // merged into another, before or while they joined: those not joined before the merge join that
    // one (the merge moves those that did)
    if (incident.mergedInto !== null)
      return hops < MAX_MERGE_HOPS ? this.joinNow(incident.mergedInto, batch, hops + 1) : undefined;
    const { removedComplaintIds } = incident;
    await this.markMembers(
      incidentId,
      [...joining.keys()].filter((id) => !removedComplaintIds.includes(id)),
    );
  }

  /**
   * Appends the joins in one append at the incident's revision, returning the incident after them;
   * when the stream has moved on (or holds some of them already), one at a time (`appendJoin`).
   */
  private async appendJoins(incident: Tracked, joining: readonly Joining[]): Promise<Tracked> {
    if (joining.length > 1) {
      const at = this.clock.now().toISOString();
      const envelopes: NewEvent[] = [];
      let after = incident;
      for (const { complaint, received } of joining) {
        const event = decideJoin(after, joiningOf(complaint), at);
        if (!event) continue;
        envelopes.push(this.joinEnvelope(after, complaint.complaintId, event, at, received));
        after = { ...evolveCollectiveIncident(after, event)!, revision: after.revision + 1 };
      }
      if (envelopes.length === 0) return incident;
      const appended = await this.store
        .appendToStream(incidentStream(incident.incidentId), envelopes, incident.revision)
        .then(
          ({ events }) => events[0]!.revision === incident.revision + 1,
          () => false,
        );
      if (appended) return after;
    }
    for (const { complaint, received } of joining)
      incident = await this.appendJoin(incident, complaint, received);
    return incident;
  }

  /** Appends one complaint's join (or finds it appended), returning the incident after it. */
  private async appendJoin(
    incident: Tracked,
    complaint: Candidate,
    received: RecordedEvent,
  ): Promise<Tracked> {
    const { incidentId } = incident;
    for (let attempt = 1; ; attempt++) {
      const at = this.clock.now().toISOString();
      const event = decideJoin(incident, joiningOf(complaint), at);
      if (!event) return incident;
      const envelope = this.joinEnvelope(incident, complaint.complaintId, event, at, received);
      try {
        const { events } = await this.store.appendToStream(
          incidentStream(incidentId),
          [envelope],
          incident.revision,
        );
        // appended now, or stored before under the same event id (at whatever revision it took)
        return events[0]!.revision === incident.revision + 1
          ? this.fold(incident, events)!
          : (await this.catchUp(incidentId, incident))!;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= JOIN_ATTEMPTS) throw error;
        incident = (await this.catchUp(incidentId, incident))!;
      }
    }
  }

  private joinEnvelope(
    incident: Tracked,
    complaintId: string,
    event: ComplaintJoinedCollectiveIncident,
    at: string,
    received: RecordedEvent,
  ): NewEvent {
    return {
      eventId: joinEventId(incident.incidentId, complaintId),
      type: event.type,
      schemaVersion: this.registry.currentVersion(event.type),
      occurredAt: at,
      tenantId: incident.tenantId,
      branchId: incident.branchId,
      correlationId: incident.incidentId,
      causationId: received.eventId,
      actor: CLASSIFICATION_ACTOR,
      data: event.data,
    };
  }

  /** The incident's document, if it was written (and holds a revision). */
  private async stored(incidentId: string): Promise<Tracked | null> {
    const doc = await this.incidents.get(incidentId);
    if (!doc || typeof doc.revision !== 'number') return null;
    const { _id, ...incident } = doc;
    // documents written before incidents could be merged or lose members
    return {
      ...incident,
      mergedInto: incident.mergedInto ?? null,
      mergedAt: incident.mergedAt ?? null,
      removedComplaintIds: incident.removedComplaintIds ?? [],
    };
  }

  /** The incident with the stream's events after the revision it holds (all of them from null). */
  private async catchUp(incidentId: string, incident: Tracked | null): Promise<Tracked | null> {
    const fromRevision = incident ? incident.revision + 1 : 0;
    return this.fold(incident, await this.store.readStream(incidentStream(incidentId), { fromRevision }));
  }

  /** Folds the events after the revision the incident holds into it. */
  private fold(incident: Tracked | null, events: readonly RecordedEvent[]): Tracked | null {
    for (const event of events) {
      if (incident && event.revision <= incident.revision) continue;
      const next = evolveCollectiveIncident(incident, this.registry.toDomain<CollectiveIncidentEvent>(event));
      incident = next && { ...next, revision: event.revision };
    }
    return incident;
  }

  /** Writes the incident's document, unless one of a newer revision is there already. */
  private async save(incident: Tracked | null): Promise<void> {
    if (!incident) return;
    const { incidentId: _id, ...fields } = incident;
    // issued together (one commit in the embedded store); in any order they leave the newest
    await Promise.all([
      this.incidents.update(_id, { $setOnInsert: { incidentId: _id, ...fields } }, { upsert: true }),
      ...([{ revision: { $lt: fields.revision } }, { revision: null }] as Filter[]).map((older) =>
        this.incidents.update(_id, { $set: fields }, { filter: older }),
      ),
    ]);
  }

  /** Marks these complaints of the recent index as the incident's members. */
  private async markMembers(incidentId: string, complaintIds: readonly string[]): Promise<void> {
    await Promise.all(
      complaintIds.map((id) => this.recent.update(id, { $set: { incidentId, claim: null } })),
    );
  }

  /**
   * The recent complaints with their tokens, by id: from memory, else read together (a token
   * document not found, written by a replica that stopped before the complaint's own, reads empty).
   */
  private async withTokens(docs: readonly RecentComplaintDoc[]): Promise<Map<string, RecentComplaint>> {
    const missing = docs
      .map((d) => d.tokensId)
      .filter((id): id is string => id !== undefined && !this.tokenCache.has(id));
    for (const found of await this.recentTokens.getMany(missing)) this.remember(found._id, found.tokens);
    return new Map(
      docs.map(
        (d) =>
          [
            d._id,
            toRecent(
              d,
              d.tokens ?? (d.tokensId !== undefined ? this.tokenCache.get(d.tokensId) : undefined) ?? [],
            ),
          ] as const,
      ),
    );
  }

  /** Keeps a token list; beyond the cache's size the oldest kept goes (read again if needed). */
  private remember(tokensId: string, tokens: readonly string[]): void {
    this.tokenCache.set(tokensId, tokens);
    if (this.tokenCache.size > TOKEN_CACHE_SIZE) this.tokenCache.delete(this.tokenCache.keys().next().value!);
  }

  /** Drops the branch's complaints received before `before`, and their tokens (a page per call). */
  private async prune(scope: { tenantId: string; branchId: string }, before: string): Promise<void> {
    const { items } = await this.recent.find({ ...scope, receivedAt: { $lt: before } }, { limit: 100 });
    await Promise.all(
      items.flatMap((old) => [
        this.recent.delete(old._id),
        ...(old.tokensId !== undefined ? [this.recentTokens.delete(old.tokensId)] : []),
      ]),
    );
    for (const old of items) if (old.tokensId !== undefined) this.tokenCache.delete(old.tokensId);
  }
}

/** The complaints a match puts in an incident, and the incident each goes to. */
function takenBy(match: CollectiveMatch): Map<string, string> {
  switch (match.kind) {
    case 'member':
      return new Map();
    case 'join':
      return new Map(match.complaints.map((c) => [c.complaintId, match.incidentId]));
    case 'detected':
      return new Map(match.clusters.flatMap((c) => c.complaintIds.map((id) => [id, c.incidentId] as const)));
  }
}

const joiningOf = (complaint: Candidate): JoiningComplaint => ({
  complaintId: complaint.complaintId,
  complainantCount: complaint.complainantCount,
  receivedAt: complaint.receivedAt,
});

const toRecent = (d: RecentComplaintDoc, tokens: readonly string[]): RecentComplaint => ({
  complaintId: d._id,
  branchId: d.branchId,
  category: d.category,
  ...(d.subjectName !== undefined && { subjectName: d.subjectName }),
  tokens,
  receivedAt: d.receivedAt,
  complainantCount: d.complainantCount,
  ...(d.incidentId !== undefined && { incidentId: d.incidentId }),
});
