import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { CLASSIFICATION_CATEGORY, CLASSIFICATION_TOPIC } from './streams';

/** The events classification publishes about complaints and collective incidents. */
export const classificationEventTypes: readonly EventContract[] = [
  { type: 'ComplaintClassified', schemaVersion: 1, dataType: 'ComplaintClassifiedData' },
  { type: 'ComplaintReclassified', schemaVersion: 1, dataType: 'ComplaintReclassifiedData' },
  { type: 'CollectiveIncidentDetected', schemaVersion: 1, dataType: 'CollectiveIncidentDetectedData' },
  {
    type: 'ComplaintJoinedCollectiveIncident',
    schemaVersion: 1,
    dataType: 'ComplaintJoinedCollectiveIncidentData',
  },
  { type: 'CollectiveIncidentMerged', schemaVersion: 1, dataType: 'CollectiveIncidentMergedData' },
  {
    type: 'ComplaintRemovedFromCollectiveIncident',
    schemaVersion: 1,
    dataType: 'ComplaintRemovedFromCollectiveIncidentData',
  },
];

/** The events of a tenant's classification settings and text models. */
export const classificationSettingsEventTypes: readonly EventContract[] = [
  { type: 'TaxonomyChanged', schemaVersion: 1, dataType: 'TaxonomyChangedData' },
  { type: 'RuleSetChanged', schemaVersion: 1, dataType: 'RuleSetChangedData' },
  { type: 'ConfidenceThresholdChanged', schemaVersion: 1, dataType: 'ConfidenceThresholdChangedData' },
  { type: 'AutoRetrainChanged', schemaVersion: 1, dataType: 'AutoRetrainChangedData' },
  {
    type: 'CollectiveThresholdChanged',
    schemaVersion: 1,
    dataType: 'CollectiveThresholdChangedData',
  },
  { type: 'ModelTrained', schemaVersion: 1, dataType: 'ModelTrainedData' },
  { type: 'ModelActivated', schemaVersion: 1, dataType: 'ModelActivatedData' },
  { type: 'ModelRejected', schemaVersion: 1, dataType: 'ModelRejectedData' },
];

/** Classification's published events: `complaints.classification.v1`. */
export const classificationContracts: PublishedEvents = {
  category: CLASSIFICATION_CATEGORY,
  topic: CLASSIFICATION_TOPIC,
  events: [...classificationEventTypes, ...classificationSettingsEventTypes],
};
