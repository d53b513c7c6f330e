import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { escalationEventTypes, escalationPolicyEventTypes } from './escalation-events';
import { incidentPlanEventTypes } from './incident-plan-events';
import { ASSIGNMENT_CATEGORY, ASSIGNMENT_TOPIC } from './streams';

/** The events assignment publishes. */
export const assignmentEventTypes: readonly EventContract[] = [
  ...escalationEventTypes,
  ...incidentPlanEventTypes,
  ...escalationPolicyEventTypes,
];

/** Assignment's published events. */
export const assignmentContracts: PublishedEvents = {
  category: ASSIGNMENT_CATEGORY,
  topic: ASSIGNMENT_TOPIC,
  events: assignmentEventTypes,
};
