import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { FOLLOW_UP_CATEGORY, FOLLOW_UP_TOPIC } from './streams';

/** The events follow-up publishes for other services to react to. */
export const followUpEventTypes: readonly EventContract[] = [
  { type: 'ComplaintClosed', schemaVersion: 1, dataType: 'ComplaintClosedData' },
  { type: 'ComplaintReopened', schemaVersion: 1, dataType: 'ComplaintReopenedData' },
  { type: 'ReReviewRequested', schemaVersion: 1, dataType: 'ReReviewRequestedData' },
  { type: 'ReReviewDecided', schemaVersion: 1, dataType: 'ReReviewDecidedData' },
  { type: 'SatisfactionRecorded', schemaVersion: 1, dataType: 'SatisfactionRecordedData' },
];

/** Follow-up's own events on a complaint's stream: the outbox, the callback and the survey. */
export const followUpWorkEventTypes: readonly EventContract[] = [
  { type: 'MessageRecorded', schemaVersion: 1, dataType: 'MessageRecordedData' },
  { type: 'DeliveryAttempted', schemaVersion: 1, dataType: 'DeliveryAttemptedData' },
  { type: 'MessageDelivered', schemaVersion: 1, dataType: 'MessageDeliveredData' },
  { type: 'DeliveryFailed', schemaVersion: 1, dataType: 'DeliveryFailedData' },
  { type: 'CallbackScheduled', schemaVersion: 1, dataType: 'CallbackScheduledData' },
  { type: 'CallbackAttempted', schemaVersion: 1, dataType: 'CallbackAttemptedData' },
  { type: 'CustomerUnreachable', schemaVersion: 1, dataType: 'CustomerUnreachableData' },
  { type: 'SurveyLinkIssued', schemaVersion: 1, dataType: 'SurveyLinkIssuedData' },
  { type: 'SurveyLinkAnswered', schemaVersion: 1, dataType: 'SurveyLinkAnsweredData' },
];

/** The events of a tenant's follow-up settings stream (`followUpSettingsStream`). */
export const followUpSettingsEventTypes: readonly EventContract[] = [
  { type: 'FollowUpSettingsChanged', schemaVersion: 1, dataType: 'FollowUpSettingsChangedData' },
  { type: 'TemplateChanged', schemaVersion: 1, dataType: 'TemplateChangedData' },
];

/** Follow-up's published events: `complaints.followup.v1`. */
export const followUpContracts: PublishedEvents = {
  category: FOLLOW_UP_CATEGORY,
  topic: FOLLOW_UP_TOPIC,
  events: [...followUpEventTypes, ...followUpWorkEventTypes, ...followUpSettingsEventTypes],
};
