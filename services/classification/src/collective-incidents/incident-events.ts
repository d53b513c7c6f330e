import type { CollectiveIncident } from '@kesu/classification-domain';
import type { CommandMetadata } from '@kesu/ports';
import { v5 as uuidv5 } from 'uuid';
import { CLASSIFICATION_ACTOR } from '../classification-events';

/** Names the event ids of joins (uuid v5 of incident and complaint). */
const JOIN_EVENT_NAMESPACE = 'b5d0f3c2-6f0e-4c8e-9a57-3c1f2e8d7a41';

/** The one event id of a complaint's join to an incident: the store keeps an event id once per stream. */
export const joinEventId = (incidentId: string, complaintId: string): string =>
  uuidv5(`${incidentId}:${complaintId}`, JOIN_EVENT_NAMESPACE);

/**
 * The envelope of the events the classification service records on an incident's stream by itself
 * (detection, joins): the incident's tenant and branch, its own id as correlation id, and the event
 * that caused them.
 */
export const serviceMetadata = (
  incident: Pick<CollectiveIncident, 'incidentId' | 'tenantId' | 'branchId'>,
  causationId: string,
  at: string,
): CommandMetadata => ({
  occurredAt: at,
  tenantId: incident.tenantId,
  branchId: incident.branchId,
  correlationId: incident.incidentId,
  causationId,
  actor: CLASSIFICATION_ACTOR,
});
