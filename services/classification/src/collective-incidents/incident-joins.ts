import { incidentStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { collectiveIncidentDecider, type JoiningComplaint } from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { joinEventId, serviceMetadata } from './incident-events';
import { IncidentList, type TrackedIncident } from './incident-list';
import { RecentComplaints } from './recent-complaints';

/** Appends of one complaint's join tried while other replicas grow the same incident. */
const JOIN_ATTEMPTS = 10;
/** Merged incidents followed from one to the one that took its complaints, at most. */
const MAX_MERGE_HOPS = 10;

/** A complaint that may join an incident, and the incident the recent index has it in, if any. */
export type Candidate = JoiningComplaint & { readonly incidentId?: string };

/** A complaint to join, and the id of the event that made it join. */
interface Joining {
  readonly complaint: Candidate;
  readonly causationId: string;
}

/** Complaints to join to one incident, waiting for the joins before them. */
interface JoinRequest {
  readonly complaints: readonly Candidate[];
  readonly causationId: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Joins complaints to recorded incidents: one `ComplaintJoinedCollectiveIncident` per new member,
 * decided by the incident's decider on its list document and appended at that revision
 * (`handleCommand` from the known state: a conflict reads only the events after it). A complaint
 * joins once: the recent index records its incident, and its join's event id is derived from
 * incident and complaint (`joinEventId`), which the store keeps once per stream, so a redelivery or
 * a second replica appending it again finds it stored. A merged incident passes its joins on to the
 * one it was merged into.
 *
 * Joins to one incident wait for each other within this process: the consumer handles its
 * partitions side by side, and appends to one growing incident would otherwise only conflict and
 * retry. Those that arrive while one runs are appended together next, in one append (in a flood
 * nearly every complaint joins the same incident). Other replicas' joins still conflict and are
 * retried.
 */
@Injectable()
export class IncidentJoins {
  /** Per incident, the joins waiting for the one running in this process. */
  private readonly queues = new Map<string, JoinRequest[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly list: IncidentList,
    private readonly recent: RecentComplaints,
  ) {}

  /** Joins the complaints that are not members yet to the incident, caused by `cause`. */
  join(incidentId: string, complaints: readonly Candidate[], cause: RecordedEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = { complaints, causationId: cause.eventId, resolve, reject };
      const queue = this.queues.get(incidentId);
      if (queue) {
        queue.push(request);
        return;
      }
      const fresh = [request];
      this.queues.set(incidentId, fresh);
      void this.drain(incidentId, fresh);
    });
  }

  private async drain(incidentId: string, queue: JoinRequest[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      try {
        await this.joinNow(incidentId, batch);
        for (const request of batch) request.resolve();
      } catch (error) {
        for (const request of batch) request.reject(error);
      }
    }
    this.queues.delete(incidentId);
  }

  private async joinNow(incidentId: string, batch: readonly JoinRequest[], hops = 0): Promise<void> {
    const stored = await this.list.stored(incidentId);
    // detected by another replica whose document is not written yet: its stream is short
    const incident = stored ?? (await this.list.catchUp(incidentId, null));
    if (!incident) return;
    const joining = new Map<string, Joining>();
    for (const { complaints, causationId } of batch)
      for (const complaint of complaints)
        if (complaint.incidentId !== incidentId && !joining.has(complaint.complaintId))
          joining.set(complaint.complaintId, { complaint, causationId });
    // those a join before this one marked since they were read
    for (const id of await this.recent.membersOf(incidentId, [...joining.keys()])) joining.delete(id);
    const after = joining.size > 0 ? await this.append(incident, [...joining.values()]) : incident;
    if (!stored || after.revision > stored.revision) await this.list.save(after);
    // merged into another, before or while they joined: those not joined before the merge join that
    // one (the merge moves those that did)
    const { mergedInto, removedComplaintIds } = after.state;
    if (mergedInto !== null)
      return hops < MAX_MERGE_HOPS ? this.joinNow(mergedInto, batch, hops + 1) : undefined;
    const members = [...joining.keys()].filter((id) => !removedComplaintIds.includes(id));
    await this.recent.markMembers(incidentId, members);
  }

  /**
   * Appends the joins in one append at the incident's revision, returning the incident after them;
   * when the stream has moved on (or holds some of them already), one at a time.
   */
  private async append(incident: TrackedIncident, joining: readonly Joining[]): Promise<TrackedIncident> {
    if (joining.length > 1) {
      try {
        return await this.appendJoins(incident, joining, 1);
      } catch {
        // decided again one by one below, each caught up on its conflict
      }
    }
    for (const one of joining) incident = await this.appendJoins(incident, [one], JOIN_ATTEMPTS);
    return incident;
  }

  private async appendJoins(
    incident: TrackedIncident,
    joining: readonly Joining[],
    maxAttempts: number,
  ): Promise<TrackedIncident> {
    const { incidentId } = incident.state;
    const at = this.clock.now().toISOString();
    const causes = new Map(joining.map((j) => [j.complaint.complaintId, j.causationId]));
    const result = await handleCommand(
      this.store,
      this.registry,
      collectiveIncidentDecider,
      incidentStream(incidentId),
      { type: 'JoinIncident', complaints: joining.map((j) => joiningOf(j.complaint)), at },
      serviceMetadata(incident.state, joining[0]!.causationId, at),
      {
        from: incident,
        maxAttempts,
        envelopeOf: (event) =>
          event.type === 'ComplaintJoinedCollectiveIncident'
            ? {
                eventId: joinEventId(incidentId, event.data.complaintId),
                causationId: causes.get(event.data.complaintId)!,
              }
            : {},
      },
    );
    return { state: result.state!, revision: result.revision, position: result.position };
  }
}

const joiningOf = ({ complaintId, complainantCount, receivedAt }: Candidate): JoiningComplaint => ({
  complaintId,
  complainantCount,
  receivedAt,
});
