import {
  type CollectiveIncidentDetected,
  type CollectiveIncidentEvent,
  type CollectiveIncidentMerged,
  type ComplaintJoinedCollectiveIncident,
  type ComplaintRemovedFromCollectiveIncident,
} from '@kesu/classification-contracts';
import { assertNever, type Decider, DomainRuleViolation, NotFoundError } from '@kesu/kernel';
import { type CollectiveCluster, collectiveIncidentData } from './collective-detection';
import {
  type CollectiveIncidentState,
  evolveCollectiveIncident,
  initialCollectiveIncidentState,
} from './collective-incident';

// ---------------------------------------------------------------- commands

/** Record the incident detection found (the classification service's: its actor is the envelope's). */
export interface RecordIncident {
  readonly type: 'RecordIncident';
  readonly cluster: CollectiveCluster;
  readonly at: string;
}

/** A complaint about the incident's target, as it joins. */
export interface JoiningComplaint {
  readonly complaintId: string;
  readonly complainantCount: number;
  readonly receivedAt: string;
}

/** Join complaints about the incident's target to it, in order (detection's, or a merge's move). */
export interface JoinIncident {
  readonly type: 'JoinIncident';
  readonly complaints: readonly JoiningComplaint[];
  readonly at: string;
}

/** A person's merge of the incident into another about the same matter (`into`, as it stands). */
export interface MergeIncident {
  readonly type: 'MergeIncident';
  readonly into: CollectiveIncidentState;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A person's removal of a member that is not about the incident's matter. */
export interface RemoveMember {
  readonly type: 'RemoveMember';
  readonly complaintId: string;
  /** Whether the incident's stream names it a member (the state holds only a sample of them). */
  readonly member: boolean;
  /** The people it speaks for in the incident, as it joined (at least one counts). */
  readonly complainantCount: number;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type IncidentCommand = RecordIncident | JoinIncident | MergeIncident | RemoveMember;

// ---------------------------------------------------------------- decide

/**
 * The incident's decisions: recorded once (nothing when its stream holds it already: the caller
 * then joins the cluster's complaints), grown by joins, merged, and trimmed by people.
 */
export function decideIncident(
  command: IncidentCommand,
  state: CollectiveIncidentState,
): CollectiveIncidentEvent[] {
  switch (command.type) {
    case 'RecordIncident':
      return state ? [] : [detected(command)];
    case 'JoinIncident':
      return decideJoins(state, command);
    case 'MergeIncident':
      return optional(decideMerge(state, command));
    case 'RemoveMember':
      if (state && !command.member && !state.removedComplaintIds.includes(command.complaintId))
        throw new NotFoundError(
          'incident.member_not_found',
          `complaint ${command.complaintId} is not a member of collective incident ${state.incidentId}`,
        );
      return optional(decideRemoval(state, command));
    default:
      return assertNever(command);
  }
}

/** The collective incident's decider, over its stream `incidentStream(incidentId)`. */
export const collectiveIncidentDecider: Decider<
  IncidentCommand,
  CollectiveIncidentEvent,
  CollectiveIncidentState
> = {
  decide: decideIncident,
  evolve: evolveCollectiveIncident,
  initialState: initialCollectiveIncidentState,
};

const optional = <E>(event: E | null): E[] => (event ? [event] : []);

const detected = ({ cluster, at }: RecordIncident): CollectiveIncidentDetected => ({
  type: 'CollectiveIncidentDetected',
  data: collectiveIncidentData(cluster, at),
});

/** One join per complaint that is not a member yet, each with the totals after it. */
function decideJoins(state: CollectiveIncidentState, { complaints, at }: JoinIncident) {
  const events: ComplaintJoinedCollectiveIncident[] = [];
  for (const complaint of complaints) {
    const event = decideJoin(state, complaint, at);
    if (!event) continue;
    events.push(event);
    state = evolveCollectiveIncident(state, event);
  }
  return events;
}

/**
 * The join of a complaint to the incident as it stands: the complaint, and the incident's totals
 * after it (a complaint speaks for at least one person, as detection counts them). Nothing for a
 * complaint the incident's `complaintIds` name or a person took out of it, nor before the incident
 * is detected, nor once it was merged into another (the complaint joins that one: `mergedInto`);
 * whether a complaint beyond the sample joined already is the caller's to know (the recent-complaints
 * index, and a join's event id derived from the incident and the complaint).
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
  return {
    type: 'ComplaintJoinedCollectiveIncident',
    data: {
      incidentId: state.incidentId,
      tenantId: state.tenantId,
      branchId: state.branchId,
      complaintId: complaint.complaintId,
      receivedAt: complaint.receivedAt,
      joiningComplainantCount,
      complaintCount: state.complaintCount + 1,
      complainantCount: state.complainantCount + joiningComplainantCount,
      joinedAt: at,
    },
  };
}

/**
 * The merge of `state` into `command.into`: nothing when it was merged into that incident already.
 * Refused for an incident merged into another one (its complaints went there), into itself, into an
 * incident that was itself merged (merge into the one that took its complaints), or into one of
 * another tenant. Both must have been detected (the caller answers 404 otherwise).
 */
export function decideMerge(
  state: CollectiveIncidentState,
  command: Omit<MergeIncident, 'type'>,
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

/**
 * Takes a member out of the incident, with the totals after it: nothing when it was taken out
 * already. Refused for an incident merged into another (its complaints are that one's now). Whether
 * the complaint is a member is the caller's to know (`incidentMembers`: the state holds a sample).
 */
export function decideRemoval(
  state: CollectiveIncidentState,
  command: Omit<RemoveMember, 'type' | 'member'>,
): ComplaintRemovedFromCollectiveIncident | null {
  if (!state) throw new NotFoundError('incident.not_found', 'only a detected incident has members to remove');
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
