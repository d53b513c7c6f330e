import {
  type CollectiveIncidentEvent,
  type CollectiveIncidentMerged,
  type ComplaintJoinedCollectiveIncident,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncident,
} from '@kesu/classification-contracts';
import { assertNever, DomainRuleViolation } from '@kesu/kernel';

/** Joined complaints an incident's summary names, after those it was detected with. */
export const INCIDENT_SAMPLE_SIZE = 100;

// ---------------------------------------------------------------- state

/**
 * A collective incident as its stream (`incidentStream(incidentId)`) tells it, in bounded size: its
 * totals and a sample of its members (all members are listed by `GET /api/v1/complaints?incidentId=`).
 */
export interface CollectiveIncident {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly target: string;
  /**
   * The complaints it was detected with, then the first that joined, in order, while fewer than
   * `INCIDENT_SAMPLE_SIZE` (all of them for an incident that small): `complaintCount` counts them all.
   */
  readonly complaintIds: readonly string[];
  readonly complaintCount: number;
  /** The people all members speak for. */
  readonly complainantCount: number;
  readonly windowStart: string;
  readonly detectedAt: string;
  /** When the latest complaint joined; null while it holds only the complaints it was detected with. */
  readonly lastJoinedAt: string | null;
  /** The incident it was merged into (its complaints joined that one); null while it stands alone. */
  readonly mergedInto: string | null;
  readonly mergedAt: string | null;
  /** The complaints people took out of it (they do not join it again): few, each a person's decision. */
  readonly removedComplaintIds: readonly string[];
}

/** Null until the incident is detected. */
export type CollectiveIncidentState = CollectiveIncident | null;

export const initialCollectiveIncidentState = (): CollectiveIncidentState => null;

/** The incident after one more event of its stream: constant work per join, whatever its size. */
export function evolveCollectiveIncident(
  state: CollectiveIncidentState,
  event: CollectiveIncidentEvent,
): CollectiveIncidentState {
  switch (event.type) {
    case 'CollectiveIncidentDetected': {
      const { complaintIds } = event.data;
      return {
        ...event.data,
        complaintCount: complaintIds.length,
        lastJoinedAt: null,
        mergedInto: null,
        mergedAt: null,
        removedComplaintIds: [],
      };
    }
    case 'ComplaintJoinedCollectiveIncident': {
      if (!state) return state;
      const { complaintId, complaintCount, complainantCount, joinedAt } = event.data;
      const sampled = state.complaintIds.length < INCIDENT_SAMPLE_SIZE;
      return {
        ...state,
        complaintIds: sampled ? [...state.complaintIds, complaintId] : state.complaintIds,
        complaintCount,
        complainantCount,
        lastJoinedAt: joinedAt,
      };
    }
    case 'CollectiveIncidentMerged': {
      if (!state) return state;
      return { ...state, mergedInto: event.data.intoIncidentId, mergedAt: event.data.mergedAt };
    }
    case 'ComplaintRemovedFromCollectiveIncident': {
      if (!state) return state;
      const { complaintId, complaintCount, complainantCount } = event.data;
      return {
        ...state,
        complaintIds: state.complaintIds.filter((id) => id !== complaintId),
        complaintCount,
        complainantCount,
        removedComplaintIds: [...state.removedComplaintIds, complaintId],
      };
    }
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- joining

/** A complaint about the incident's target, as it joins. */
export interface JoiningComplaint {
  readonly complaintId: string;
  readonly complainantCount: number;
  readonly receivedAt: string;
}

/**
 * The join of a complaint to the incident as it stands: the complaint, and the incident's totals
 * after it (a complaint speaks for at least one person, as detection counts them). Nothing for a
 * complaint the incident's `complaintIds` name or a person took out of it, nor before the incident
 * is detected, nor once it was merged into another (the complaint joins that one: `mergedInto`);
 * whether a
 * complaint beyond the sample joined already is the caller's to know (the recent-complaints index,
 * and a join's event id derived from the incident and the complaint).
 */
export function decideJoin(
  state: CollectiveIncidentState,
  complaint: JoiningComplaint,
  at: string,
): ComplaintJoinedCollectiveIncident | null {
  if (
    !state ||
    state.mergedInto !== null ||
    state.complaintIds.includes(complaint.complaintId) ||
    state.removedComplaintIds.includes(complaint.complaintId)
  )
    return null;
  const joiningComplainantCount = Math.max(1, complaint.complainantCount);
  const data: ComplaintJoinedCollectiveIncidentData = {
    incidentId: state.incidentId,
    tenantId: state.tenantId,
    branchId: state.branchId,
    complaintId: complaint.complaintId,
    receivedAt: complaint.receivedAt,
    joiningComplainantCount,
    complaintCount: state.complaintCount + 1,
    complainantCount: state.complainantCount + joiningComplainantCount,
    joinedAt: at,
  };
  return { type: 'ComplaintJoinedCollectiveIncident', data };
}

// ---------------------------------------------------------------- merging

/** A person's merge of one incident into another about the same matter. */
export interface MergeCollectiveIncident {
  readonly into: CollectiveIncidentState;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/**
 * The merge of `state` into `command.into`: nothing when it was merged into that incident already.
 * Refused for an incident merged into another one (its complaints went there), into itself, into an
 * incident that was itself merged (merge into the one that took its complaints), or into one of
 * another tenant. Both must have been detected (the caller answers 404 otherwise).
 */
export function decideMerge(
  state: CollectiveIncidentState,
  command: MergeCollectiveIncident,
): CollectiveIncidentMerged | null {
  const { into } = command;
  if (!state || !into || state.tenantId !== into.tenantId)
    throw new Error('a merge needs two detected incidents of one tenant');
  if (state.mergedInto === into.incidentId) return null;
  if (state.incidentId === into.incidentId)
    throw new DomainRuleViolation('incident.merge_into_itself', 'An incident cannot be merged into itself.');
  if (state.mergedInto !== null)
    throw new DomainRuleViolation(
      'incident.already_merged',
      `Incident ${state.incidentId} was merged into ${state.mergedInto} already.`,
    );
  if (into.mergedInto !== null)
    throw new DomainRuleViolation(
      'incident.target_merged',
      `Incident ${into.incidentId} was merged into ${into.mergedInto}; merge into that one instead.`,
    );
  return {
    type: 'CollectiveIncidentMerged',
    data: {
      incidentId: state.incidentId,
      tenantId: state.tenantId,
      branchId: state.branchId,
      intoIncidentId: into.incidentId,
      complaintCount: state.complaintCount,
      complainantCount: state.complainantCount,
      reason: command.reason,
      mergedBy: command.by,
      mergedAt: command.at,
    },
  };
}

/** A complaint of an incident, as its stream names it. */
export interface IncidentMember {
  readonly complaintId: string;
  /** The people it speaks for and when it was received: known for a complaint that joined. */
  readonly complainantCount?: number;
  readonly receivedAt?: string;
}

/**
 * Every complaint of an incident, in the order its stream names them: those it was detected with,
 * then joins; those a person took out left out.
 */
export function incidentMembers(events: readonly CollectiveIncidentEvent[]): IncidentMember[] {
  const members = new Map<string, IncidentMember>();
  for (const event of events) {
    if (event.type === 'ComplaintRemovedFromCollectiveIncident') members.delete(event.data.complaintId);
    if (event.type === 'CollectiveIncidentDetected') {
      for (const complaintId of event.data.complaintIds)
        if (!members.has(complaintId)) members.set(complaintId, { complaintId });
    } else if (event.type === 'ComplaintJoinedCollectiveIncident') {
      const { complaintId, joiningComplainantCount, receivedAt } = event.data;
      if (!members.has(complaintId))
        members.set(complaintId, { complaintId, complainantCount: joiningComplainantCount, receivedAt });
    }
  }
  return [...members.values()];
}

// ---------------------------------------------------------------- removing a complaint

/** A person's removal of a member that is not about the incident's matter. */
export interface RemoveFromCollectiveIncident {
  readonly complaintId: string;
  /** The people it speaks for in the incident, as it joined (at least one counts). */
  readonly complainantCount: number;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/**
 * Takes a member out of the incident, with the totals after it: nothing when it was taken out
 * already. Refused for an incident merged into another (its complaints are that one's now). Whether
 * the complaint is a member is the caller's to know (`incidentMembers`: the state holds a sample).
 */
export function decideRemoval(
  state: CollectiveIncidentState,
  command: RemoveFromCollectiveIncident,
): ComplaintRemovedFromCollectiveIncident | null {
  if (!state) throw new Error('only a detected incident has members to remove');
  if (state.removedComplaintIds.includes(command.complaintId)) return null;
  if (state.mergedInto !== null)
    throw new DomainRuleViolation(
      'incident.merged',
      `Incident ${state.incidentId} was merged into ${state.mergedInto}, which holds its complaints now.`,
    );
  const leavingComplainantCount = Math.max(1, command.complainantCount);
  return {
    type: 'ComplaintRemovedFromCollectiveIncident',
    data: {
      incidentId: state.incidentId,
      tenantId: state.tenantId,
      branchId: state.branchId,
      complaintId: command.complaintId,
      leavingComplainantCount,
      complaintCount: Math.max(0, state.complaintCount - 1),
      complainantCount: Math.max(0, state.complainantCount - leavingComplainantCount),
      reason: command.reason,
      removedBy: command.by,
      removedAt: command.at,
    },
  };
}
