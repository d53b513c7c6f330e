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

/**
 * The escalation of one complaint up the org chain and back down (`assignment-escalation-<id>`);
 * its events carry the complaint id as their correlation id, so the complaint's history shows them.
 */
export const escalationStream = (complaintId: string): string =>
  `${ASSIGNMENT_CATEGORY}-escalation-${complaintId}`;

/** A tenant's escalation policy: every change, with who and why (`assignment-escalationpolicy-<tenant>`). */
export const escalationPolicyStream = (tenantId: string): string =>
  `${ASSIGNMENT_CATEGORY}-escalationpolicy-${tenantId}`;
