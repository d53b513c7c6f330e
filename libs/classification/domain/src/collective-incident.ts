import { assertNever } from '@kesu/kernel';
import type {
  CollectiveIncidentEvent,
  ComplaintJoinedCollectiveIncident,
  ComplaintJoinedCollectiveIncidentData,
} from './classification';

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
      return { ...event.data, complaintCount: complaintIds.length, lastJoinedAt: null };
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
 * complaint the incident's `complaintIds` name, nor before the incident is detected; whether a
 * complaint beyond the sample joined already is the caller's to know (the recent-complaints index,
 * and a join's event id derived from the incident and the complaint).
 */
export function decideJoin(
  state: CollectiveIncidentState,
  complaint: JoiningComplaint,
  at: string,
): ComplaintJoinedCollectiveIncident | null {
  if (!state || state.complaintIds.includes(complaint.complaintId)) return null;
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
