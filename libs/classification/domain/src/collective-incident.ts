import { assertNever, type Decider } from '@kesu/kernel';
import type {
  CollectiveIncidentEvent,
  ComplaintJoinedCollectiveIncident,
  ComplaintJoinedCollectiveIncidentData,
} from './classification';

// ---------------------------------------------------------------- state

/** A collective incident as its stream (`incidentStream(incidentId)`) tells it. */
export interface CollectiveIncident {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly target: string;
  /** The complaints it was detected with, then those that joined, in order. */
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
      const { complaintIds, complainantCount, joinedAt } = event.data;
      return {
        ...state,
        complaintIds,
        complaintCount: complaintIds.length,
        complainantCount,
        lastJoinedAt: joinedAt,
      };
    }
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- commands

/** A complaint about the incident's target, as it joins. */
export interface JoiningComplaint {
  readonly complaintId: string;
  readonly complainantCount: number;
  readonly receivedAt: string;
}

/** Later complaints about a recorded incident's target join it. */
export interface JoinCollectiveIncident {
  readonly type: 'JoinCollectiveIncident';
  readonly complaints: readonly JoiningComplaint[];
  readonly at: string;
}

/**
 * One `ComplaintJoinedCollectiveIncident` per complaint that is not a member yet, each carrying the
 * members and complainants as they stand after it; nothing for members (a complaint joins once) or
 * before the incident is detected.
 */
export function decideCollectiveIncident(
  command: JoinCollectiveIncident,
  state: CollectiveIncidentState,
): ComplaintJoinedCollectiveIncident[] {
  if (!state) return [];
  const events: ComplaintJoinedCollectiveIncident[] = [];
  let { complaintIds, complainantCount } = state;
  for (const complaint of command.complaints) {
    if (complaintIds.includes(complaint.complaintId)) continue;
    complaintIds = [...complaintIds, complaint.complaintId];
    // as detection counts them: a complaint speaks for at least one person
    complainantCount += Math.max(1, complaint.complainantCount);
    const data: ComplaintJoinedCollectiveIncidentData = {
      incidentId: state.incidentId,
      tenantId: state.tenantId,
      branchId: state.branchId,
      complaintId: complaint.complaintId,
      receivedAt: complaint.receivedAt,
      complaintIds,
      complainantCount,
      joinedAt: command.at,
    };
    events.push({ type: 'ComplaintJoinedCollectiveIncident', data });
  }
  return events;
}

/** The decider of one collective incident's stream; detection appends its first event. */
export const collectiveIncidentDecider: Decider<
  JoinCollectiveIncident,
  CollectiveIncidentEvent,
  CollectiveIncidentState
> = {
  decide: decideCollectiveIncident,
  evolve: evolveCollectiveIncident,
  initialState: initialCollectiveIncidentState,
};
