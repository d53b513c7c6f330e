import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { ANALYTICS_CATEGORY, ANALYTICS_TOPIC } from './streams';

/** The events the analytics service publishes. */
export const analyticsEventTypes: readonly EventContract[] = [
  { type: 'ComplaintReportIssued', schemaVersion: 1, dataType: 'ComplaintReportIssuedData' },
  { type: 'ReportFindingsWritten', schemaVersion: 1, dataType: 'ReportFindingsWrittenData' },
  { type: 'ReportSettingsChanged', schemaVersion: 1, dataType: 'ReportSettingsChangedData' },
  { type: 'ServiceVolumeRecorded', schemaVersion: 1, dataType: 'ServiceVolumeRecordedData' },
];

/** The analytics service's published events. */
export const analyticsContracts: PublishedEvents = {
  category: ANALYTICS_CATEGORY,
  topic: ANALYTICS_TOPIC,
  events: analyticsEventTypes,
};
