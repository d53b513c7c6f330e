import { topicForCategory } from '@kesu/kernel';

/** The stream category classification writes under: its streams and topic are named after it. */
export const CLASSIFICATION_CATEGORY = 'classification';

/** The topic classification's events are published to. */
export const CLASSIFICATION_TOPIC = topicForCategory(CLASSIFICATION_CATEGORY);

/** Classification's stream of one complaint. */
export const classificationStream = (complaintId: string): string =>
  `classification-complaint-${complaintId}`;

/** The stream of one collective incident; its correlation id is the incident's own id. */
export const incidentStream = (incidentId: string): string => `classification-incident-${incidentId}`;

/**
 * What an incident id looks like: uuid-shaped lower-case hex, of no particular uuid version (ids are
 * derived from tenant, target and window, so validate them with this, not as uuids).
 */
export const INCIDENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A tenant's taxonomy stream (topic `complaints.classification.v1`, keyed by `taxonomy-<tenant>`). */
export const taxonomyStream = (tenantId: string): string => `classification-taxonomy-${tenantId}`;
/** A tenant's rule set stream. */
export const ruleSetStream = (tenantId: string): string => `classification-rules-${tenantId}`;
/** A tenant's confidence threshold stream. */
export const thresholdStream = (tenantId: string): string => `classification-threshold-${tenantId}`;
/** A tenant's automatic retraining policy stream. */
export const autoRetrainStream = (tenantId: string): string => `classification-autoretrain-${tenantId}`;
/** A tenant's collective threshold stream. */
export const collectiveThresholdStream = (tenantId: string): string =>
  `classification-collectivethreshold-${tenantId}`;
/** A tenant's text model stream: every training, activation and rejection. */
export const modelStream = (tenantId: string): string => `classification-model-${tenantId}`;
