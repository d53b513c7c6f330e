import { serviceStreamCategory, topicForCategory } from '@kesu/kernel';

/** The stream category the SLA service writes under. */
export const SLA_CATEGORY = serviceStreamCategory('sla');

/** The topic the SLA service's events are published to. */
export const SLA_TOPIC = topicForCategory(SLA_CATEGORY);

/**
 * The clocks of one complaint (`sla-complaint-<id>`); its events carry the complaint id as their
 * correlation id, so the complaint's history shows them.
 */
export const slaStream = (complaintId: string): string => `${SLA_CATEGORY}-complaint-${complaintId}`;

/** A tenant's SLA settings stream (`sla-settings-<tenant>`): its policy's changes and the calendars it loaded. */
export const slaSettingsStream = (tenantId: string): string => `${SLA_CATEGORY}-settings-${tenantId}`;
