import { serviceStreamCategory, topicForCategory } from '@kesu/kernel';

/** The stream category the analytics service writes under. */
export const ANALYTICS_CATEGORY = serviceStreamCategory('analytics');

/** The topic the analytics service's events are published to. */
export const ANALYTICS_TOPIC = topicForCategory(ANALYTICS_CATEGORY);

/**
 * The generations of one report (`analytics-report-<tenant>-<kind>-<period>-<unit>`): each
 * ComplaintReportIssued, and the analyst's findings written on it. Its events carry the stream id
 * as their correlation id.
 */
export const reportStream = (tenantId: string, kind: string, period: string, unitId: string): string =>
  `${ANALYTICS_CATEGORY}-report-${tenantId}-${kind}-${period}-${unitId}`;

/** A tenant's analytics settings (`analytics-settings-<tenant>`): the day its reports are generated. */
export const analyticsSettingsStream = (tenantId: string): string =>
  `${ANALYTICS_CATEGORY}-settings-${tenantId}`;

/** A tenant's service volumes (`analytics-volumes-<tenant>`): per unit and month, the denominators of 投诉率. */
export const serviceVolumesStream = (tenantId: string): string => `${ANALYTICS_CATEGORY}-volumes-${tenantId}`;
