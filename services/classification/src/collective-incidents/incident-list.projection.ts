import { type CollectiveIncidentEvent } from '@kesu/classification-contracts';
import { type CollectiveIncident, evolveCollectiveIncident } from '@kesu/classification-domain';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { type Projected, type Projection } from '@kesu/ports';

export const INCIDENT_COLLECTION = 'classification_incidents';

/**
 * A collective incident as `GET /api/v1/classification/incidents` lists it (`_id`: the incident id;
 * `revision`: that of the last event of its stream folded). Its size is bounded: totals, and a sample
 * of the members (`CollectiveIncident.complaintIds`).
 */
export interface IncidentDocument extends CollectiveIncident, Projected {
  readonly _id: string;
  readonly revision: number;
}

/** The incident events, each folded into the document of its incident. */
export const INCIDENT_EVENT_TYPES: readonly CollectiveIncidentEvent['type'][] = [
  'CollectiveIncidentDetected',
  'ComplaintJoinedCollectiveIncident',
  'CollectiveIncidentMerged',
  'ComplaintRemovedFromCollectiveIncident',
];

/**
 * The incident list, one document per incident, folded from its stream by the incident's own
 * `evolve`. Its writer is the service that appends the events: each command writes the document it
 * folded, at the revision it appended (`IncidentList.save`), so the list, and the joins that decide
 * on it, read what was recorded the moment it was; an event at or before the document's revision
 * changes nothing, so `rebuildProjection` over the store yields the same documents.
 * 1: the first version as a projection (documents written before it read the same).
 */
export const incidentListProjection: Projection<IncidentDocument> = {
  name: 'classification-incidents',
  version: 1,
  collection: INCIDENT_COLLECTION,
  topics: [topicForCategory('classification')],
  handles: INCIDENT_EVENT_TYPES,
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveIncidentDocument(doc, event),
};

/** The document after one more event of its incident's stream (upcast to its current version). */
export function evolveIncidentDocument(
  doc: IncidentDocument | null,
  event: RecordedEvent,
): Omit<IncidentDocument, keyof Projected> | null {
  if (doc && event.revision <= doc.revision) return doc;
  const incident = evolveCollectiveIncident(doc && incidentOf(doc), {
    type: event.type,
    data: event.data,
  } as CollectiveIncidentEvent);
  return incident && documentOf(incident, event.revision);
}

/** The document of an incident at a revision of its stream, without the projection's fields. */
export const documentOf = (
  incident: CollectiveIncident,
  revision: number,
): Omit<IncidentDocument, keyof Projected> => ({ _id: incident.incidentId, ...incident, revision });

/**
 * The incident a document holds; one written before incidents grew, could be merged or lose members
 * reads as one that did none of it.
 */
export function incidentOf(doc: Omit<IncidentDocument, keyof Projected>): CollectiveIncident {
  const { _id, revision: _revision, ...stored } = doc;
  const {
    lastPosition: _position,
    projectionVersion: _version,
    documentRevision: _writes,
    ...incident
  } = stored as typeof stored & Partial<Projected>;
  return {
    ...incident,
    complaintCount: incident.complaintCount ?? incident.complaintIds.length,
    lastJoinedAt: incident.lastJoinedAt ?? null,
    mergedInto: incident.mergedInto ?? null,
    mergedAt: incident.mergedAt ?? null,
    removedComplaintIds: incident.removedComplaintIds ?? [],
  };
}
