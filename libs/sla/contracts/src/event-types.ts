import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { slaClockEventTypes } from './clock-events';
import { slaSettingsEventTypes } from './policy-events';
import { SLA_CATEGORY, SLA_TOPIC } from './streams';

/** The events the SLA service publishes. */
export const slaEventTypes: readonly EventContract[] = [
  { type: 'SlaWarningRaised', schemaVersion: 1, dataType: 'SlaWarningRaisedData' },
  { type: 'SlaBreached', schemaVersion: 1, dataType: 'SlaBreachedData' },
  { type: 'SlaMilestoneMet', schemaVersion: 1, dataType: 'SlaMilestoneMetData' },
  ...slaClockEventTypes,
  ...slaSettingsEventTypes,
];

/** The SLA service's published events. */
export const slaContracts: PublishedEvents = {
  category: SLA_CATEGORY,
  topic: SLA_TOPIC,
  events: slaEventTypes,
};
