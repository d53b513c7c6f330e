import { type CollectiveIncidentEvent } from '@kesu/classification-contracts';
import { assertNever } from '@kesu/kernel';

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

// ---------------------------------------------------------------- evolve

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

// ---------------------------------------------------------------- members

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
