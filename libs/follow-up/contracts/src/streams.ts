import { serviceStreamCategory, topicForCategory } from '@kesu/kernel';

/** The stream category follow-up writes under (`followup`: a category ends at the first dash). */
export const FOLLOW_UP_CATEGORY = serviceStreamCategory('follow-up');

/** The topic follow-up's events are published to. */
export const FOLLOW_UP_TOPIC = topicForCategory(FOLLOW_UP_CATEGORY);

/** Follow-up's stream of one complaint (`followup-complaint-<id>`). */
export const followUpStream = (complaintId: string): string =>
  `${FOLLOW_UP_CATEGORY}-complaint-${complaintId}`;

/** A tenant's follow-up settings and templates (`followup-settings-<tenant>`). */
export const followUpSettingsStream = (tenantId: string): string =>
  `${FOLLOW_UP_CATEGORY}-settings-${tenantId}`;
