import { ASSIGNMENT_TOPIC, incidentPlanStream } from '@kesu/assignment-contracts';
import { SLA_TOPIC } from '@kesu/sla-contracts';
import { FOLLOW_UP_TOPIC } from '@kesu/follow-up-contracts';
import { incidentStream } from '@kesu/classification-contracts';
import {
  type CollectiveIncidentMembership,
  type IncidentPlanMembership,
  type ComplaintView,
  complaintViewHandles,
  complaintViewIds,
  evolveComplaintView,
} from '@kesu/analytics-domain';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { type EventStore, type Projected, type Projection } from '@kesu/ports';

export type ComplaintViewDocument = ComplaintView & Projected;

export const COMPLAINT_VIEWS = 'complaint_views';

/**
 * The current view of each complaint, kept from every service's events. Raise `version` with every
 * change to what `evolveComplaintView` produces: the worker then rebuilds the views at start-up.
 * 1: the first view (stored without a version, read as older than 1); 2: channel details, work
 * actions, duplicates and `searchTokens`; 3: `classification` from classification's events; 4:
 * `collectiveIncident` from the incident events, each applied to every complaint it names; 5: the
 * classification as recorded (4 showed members as collective before the classifier said so); 6:
 * the incident's stream revision of the event that made a complaint a member; 7: `intakeRevision`,
 * the revision of the complaint's intake stream (the ETag of `GET /api/v1/complaints/{id}`); 8:
 * `personalMentions` and `personalSearchTokens`, the tokens found only in personal data; 9:
 * `assignment` from dispatch's events (department, assignee, level, accepted, transfers); 10:
 * `escalation` and `incidentPlan` from assignment's events; 11: `sla` from the SLA service's clocks
 * (respondBy, resolveBy, state, milestones, paused time); 12: `case` and the case statuses from
 * case work's events; 13:
 * `followUp` and the follow-up statuses (`reopened`, `under_re_review`, `closed`) from follow-up's
 * events; 14: the case's open proposal follows it up the approval chain (`ProposalForwarded`:
 * `tier` and `approverId` are whose turn it is now, `requiredTier` the lowest that may approve it).
 */
export const complaintViewProjection: Projection<ComplaintViewDocument> = {
  name: 'complaint-view',
  version: 14,
  collection: COMPLAINT_VIEWS,
  topics: [
    topicForCategory('intake'),
    topicForCategory('classification'),
    ASSIGNMENT_TOPIC,
    SLA_TOPIC,
    FOLLOW_UP_TOPIC,
  ],
  handles: complaintViewHandles,
  documentId: complaintViewIds,
  evolve: (doc, event) => evolveComplaintView(doc, event),
  history: (id, current, store) =>
    complaintHistory(store, id, current?.collectiveIncident, current?.incidentPlan),
};

/**
 * A complaint's events (its correlation id is the complaint's) and the events of the collective
 * incident its view names that made it a member — the detection (revision 0) and its own join —
 * and likewise of the plan it is a member of (the opening and its own addition), in the order they
 * were recorded. The incident's other events only concern other complaints, so
 * an incident of any size costs two reads (a membership without its revision, folded by an older
 * release, reads the incident's events by its correlation id).
 */
export async function complaintHistory(
  store: EventStore,
  complaintId: string,
  incident?: CollectiveIncidentMembership | null,
  plan?: IncidentPlanMembership | null,
): Promise<RecordedEvent[]> {
  const own = await store.readByCorrelationId(complaintId);
  let membership: RecordedEvent[] = [];
  if (incident && incident.revision === undefined) {
    membership = await store.readByCorrelationId(incident.incidentId);
  } else if (incident) {
    const stream = incidentStream(incident.incidentId);
    const revisions = [...new Set([0, incident.revision!])];
    const reads = revisions.map((fromRevision) => store.readStream(stream, { fromRevision, maxCount: 1 }));
    membership = (await Promise.all(reads)).flat();
  }
  const planned = plan ? await membershipEvents(store, incidentPlanStream(plan.planId), plan.revision) : [];
  return [...own, ...membership, ...planned].sort((a, b) => a.globalPosition - b.globalPosition);
}

/** The first event of a stream and the one at `revision`. */
async function membershipEvents(
  store: EventStore,
  streamId: string,
  revision: number,
): Promise<RecordedEvent[]> {
  const reads = [...new Set([0, revision])].map((fromRevision) =>
    store.readStream(streamId, { fromRevision, maxCount: 1 }),
  );
  return (await Promise.all(reads)).flat();
}
