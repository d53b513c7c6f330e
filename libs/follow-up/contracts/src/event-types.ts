import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { FOLLOW_UP_CATEGORY, FOLLOW_UP_TOPIC } from './streams';

/** The events follow-up publishes. */
export const followUpEventTypes: readonly EventContract[] = [
  { type: 'ComplaintClosed', schemaVersion: 1, dataType: 'ComplaintClosedData' },
  { type: 'ComplaintReopened', schemaVersion: 1, dataType: 'ComplaintReopenedData' },
  { type: 'ReReviewRequested', schemaVersion: 1, dataType: 'ReReviewRequestedData' },
  { type: 'ReReviewDecided', schemaVersion: 1, dataType: 'ReReviewDecidedData' },
  { type: 'SatisfactionRecorded', schemaVersion: 1, dataType: 'SatisfactionRecordedData' },
];

/** Follow-up's published events: `complaints.followup.v1`. */
export const followUpContracts: PublishedEvents = {
  category: FOLLOW_UP_CATEGORY,
  topic: FOLLOW_UP_TOPIC,
  events: followUpEventTypes,
};
