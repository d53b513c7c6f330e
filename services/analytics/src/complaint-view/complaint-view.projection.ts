import {
  type ComplaintView,
  complaintViewHandles,
  complaintViewIds,
  evolveComplaintView,
} from '@kesu/analytics-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { type EventStore, type Projected, type Projection, topicForCategory } from '@kesu/ports';

export type ComplaintViewDocument = ComplaintView & Projected;

export const COMPLAINT_VIEWS = 'complaint_views';

/**
 * The current view of each complaint, kept from every service's events. Raise `version` with every
 * change to what `evolveComplaintView` produces: the worker then rebuilds the views at start-up.
 * 1: the first view (stored without a version, read as older than 1); 2: channel details, work
 * actions, duplicates and `searchTokens`; 3: `classification` from classification's events; 4:
 * `collectiveIncident` from the incident events, each applied to every complaint it names; 5: the
 * classification as recorded (4 showed members as collective before the classifier said so).
 */
export const complaintViewProjection: Projection<ComplaintViewDocument> = {
  name: 'complaint-view',
  version: 5,
  collection: COMPLAINT_VIEWS,
  topics: [topicForCategory('intake'), topicForCategory('classification')],
  handles: complaintViewHandles,
  documentId: complaintViewIds,
  evolve: (doc, event) => evolveComplaintView(doc, event),
  history: (id, current, store) => complaintHistory(store, id, current?.collectiveIncident?.incidentId),
};

/**
 * A complaint's events (its correlation id is the complaint's) and those of the collective
 * incident its view names, in the order they were recorded.
 */
export async function complaintHistory(
  store: EventStore,
  complaintId: string,
  incidentId?: string,
): Promise<RecordedEvent[]> {
  const events = [
    ...(await store.readByCorrelationId(complaintId)),
    ...(incidentId ? await store.readByCorrelationId(incidentId) : []),
  ];
  return events.sort((a, b) => a.globalPosition - b.globalPosition);
}
