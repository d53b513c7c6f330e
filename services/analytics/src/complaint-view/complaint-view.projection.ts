import { type ComplaintView, complaintViewHandles, evolveComplaintView } from '@kesu/analytics-domain';
import type { Projection, Projected } from '@kesu/ports';
import { topicForCategory } from '@kesu/ports';

export type ComplaintViewDocument = ComplaintView & Projected;

export const COMPLAINT_VIEWS = 'complaint_views';

/** The current view of each complaint, kept from every service's events. */
export const complaintViewProjection: Projection<ComplaintViewDocument> = {
  name: 'complaint-view',
  collection: COMPLAINT_VIEWS,
  topics: [topicForCategory('intake')],
  handles: complaintViewHandles,
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveComplaintView(doc, event),
};
