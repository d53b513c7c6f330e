import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { caseEventTypes } from './case-events';
import { caseSettingsEventTypes, caseWorkEventTypes } from './case-work-events';
import { directoryEventTypes } from './directory-events';
import { dispatchEventTypes, dispatchSettingsEventTypes } from './dispatch-events';
import { escalationEventTypes, escalationPolicyEventTypes } from './escalation-events';
import { incidentPlanEventTypes } from './incident-plan-events';
import { ASSIGNMENT_CATEGORY, ASSIGNMENT_TOPIC } from './streams';

/** The events assignment publishes. */
export const assignmentEventTypes: readonly EventContract[] = [
  ...directoryEventTypes,
  ...dispatchEventTypes,
  ...dispatchSettingsEventTypes,
  ...escalationEventTypes,
  ...incidentPlanEventTypes,
  ...escalationPolicyEventTypes,
  ...caseEventTypes,
  ...caseWorkEventTypes,
  ...caseSettingsEventTypes,
];

/** Assignment's published events. */
export const assignmentContracts: PublishedEvents = {
  category: ASSIGNMENT_CATEGORY,
  topic: ASSIGNMENT_TOPIC,
  events: assignmentEventTypes,
};
