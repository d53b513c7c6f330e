import {
  type ClassificationEvent,
  type CollectiveIncidentEvent,
  type ComplaintClassifiedData,
} from '@kesu/classification-contracts';
import { assertNever } from '@kesu/kernel';
import { type ClassificationView, type ComplaintView } from './complaint-view';

// ---------------------------------------------------------------- the fold of classification's events

/** Incident events: a detection belongs to the views of its `complaintIds`, a join or a removal to its complaint's. */
const INCIDENT_TYPES: readonly CollectiveIncidentEvent['type'][] = [
  'CollectiveIncidentDetected',
  'ComplaintJoinedCollectiveIncident',
  'ComplaintRemovedFromCollectiveIncident',
];

/** Classification's events the view folds: the complaint's classification, and its incidents'. */
export const CLASSIFICATION_TYPES: readonly ClassificationEvent['type'][] = [
  'ComplaintClassified',
  'ComplaintReclassified',
  ...INCIDENT_TYPES,
];

/** A classification event (`revision`: its stream's, which an incident's membership keeps). */
export function applyClassification(
  view: ComplaintView,
  event: ClassificationEvent,
  revision: number,
): ComplaintView {
  switch (event.type) {
    case 'ComplaintClassified':
      return { ...view, classification: classified(event.data) };
    case 'ComplaintReclassified': {
      const { category, severity, scope, nature, reclassifiedAt } = event.data;
      const before = view.classification;
      return {
        ...view,
        classification: {
          category,
          severity: severity ?? before?.severity ?? 'general',
          scope: scope ?? before?.scope ?? 'individual',
          confidence: 1,
          nature: nature ?? before?.nature ?? 'effective',
          signals: before?.signals ?? [],
          needsHumanReview: false,
          departmentId: category === before?.category ? before.departmentId : null,
          decidedBy: 'human',
          classifiedAt: reclassifiedAt,
        },
      };
    }
    case 'CollectiveIncidentDetected':
    case 'ComplaintJoinedCollectiveIncident':
    case 'CollectiveIncidentMerged':
    case 'ComplaintRemovedFromCollectiveIncident':
      return applyIncident(view, event, revision);
    default:
      return assertNever(event);
  }
}

/**
 * An incident event changes the views of the complaints it names (others are left as they are):
 * each shows its incident. What membership means for the classification (scope, severity) the
 * classifier decides and records (ComplaintClassified caused by the incident event).
 */
function applyIncident(view: ComplaintView, event: CollectiveIncidentEvent, revision: number): ComplaintView {
  switch (event.type) {
    case 'CollectiveIncidentDetected': {
      const { incidentId, complaintIds, complainantCount, detectedAt } = event.data;
      if (!complaintIds.includes(view.complaintId)) return view;
      const collectiveIncident = {
        incidentId,
        complaintCount: complaintIds.length,
        complainantCount,
        joinedAt: detectedAt,
        revision,
      };
      return { ...view, collectiveIncident };
    }
    case 'ComplaintJoinedCollectiveIncident': {
      const { incidentId, complaintId, complaintCount, complainantCount, joinedAt } = event.data;
      if (complaintId !== view.complaintId) return view;
      const collectiveIncident = { incidentId, complaintCount, complainantCount, joinedAt, revision };
      return { ...view, collectiveIncident };
    }
    case 'CollectiveIncidentMerged':
      // names no complaint: each member's join to the surviving incident moves its view
      return view;
    case 'ComplaintRemovedFromCollectiveIncident': {
      const { incidentId, complaintId } = event.data;
      if (complaintId !== view.complaintId || view.collectiveIncident?.incidentId !== incidentId) return view;
      return { ...view, collectiveIncident: null };
    }
    default:
      return assertNever(event);
  }
}

function classified(data: ComplaintClassifiedData): ClassificationView {
  return {
    category: data.category,
    severity: data.severity,
    scope: data.scope,
    confidence: data.confidence,
    nature: data.nature,
    signals: data.signals,
    needsHumanReview: data.needsHumanReview,
    departmentId: data.departmentId ?? null,
    decidedBy: 'model',
    classifiedAt: data.classifiedAt,
  };
}
