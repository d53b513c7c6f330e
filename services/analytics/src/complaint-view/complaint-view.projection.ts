import { type ComplaintView, complaintViewHandles, evolveComplaintView } from '@kesu/analytics-domain';
import type { Projection, Projected } from '@kesu/ports';
import { topicForCategory } from '@kesu/ports';

export type ComplaintViewDocument = ComplaintView & Projected;

export const COMPLAINT_VIEWS = 'complaint_views';

/**
 * The current view of each complaint, kept from every service's events. Raise `version` with every
 * change to what `evolveComplaintView` produces: the worker then rebuilds the views at start-up.
 * 1: the first view (stored without a version, read as older than 1); 2: channel details, work
 * actions, duplicates and `searchTokens`; 3: `classification` from classification's events.
 */
export const complaintViewProjection: Projection<ComplaintViewDocument> = {
  name: 'complaint-view',
  version: 3,
  collection: COMPLAINT_VIEWS,
  topics: [topicForCategory('intake'), topicForCategory('classification')],
  handles: complaintViewHandles,
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveComplaintView(doc, event),
};
