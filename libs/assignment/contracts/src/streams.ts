import { serviceStreamCategory, topicForCategory } from '@kesu/kernel';

/** The stream category assignment writes under. */
export const ASSIGNMENT_CATEGORY = serviceStreamCategory('assignment');

/** The topic assignment's events are published to. */
export const ASSIGNMENT_TOPIC = topicForCategory(ASSIGNMENT_CATEGORY);

/** Every dispatch and escalation event of one complaint (`assignment-complaint-<id>`). */
export const assignmentStream = (complaintId: string): string =>
  `${ASSIGNMENT_CATEGORY}-complaint-${complaintId}`;

/** A tenant's organisation: its units, departments and people (`assignment-directory-<tenant>`). */
export const directoryStream = (tenantId: string): string => `${ASSIGNMENT_CATEGORY}-directory-${tenantId}`;

/** One collective-incident plan (`assignment-plan-<planId>`). */
export const incidentPlanStream = (planId: string): string => `${ASSIGNMENT_CATEGORY}-plan-${planId}`;
