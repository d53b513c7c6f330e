import { ASSIGNMENT_TOPIC } from '@kesu/assignment-contracts';
import { evolvePlanProgress, type IncidentPlanProgress, PLAN_PROGRESS_TYPES } from '@kesu/analytics-domain';
import type { Projected, Projection } from '@kesu/ports';

export type IncidentPlanProgressDocument = IncidentPlanProgress & Projected & { readonly _id: string };

export const INCIDENT_PLAN_PROGRESS = 'incident_plan_progress';

/**
 * How each collective-incident plan stands (level, open or closed, steps done of all), which the
 * view of each of its complaints shows; one bounded document per plan (`_id`: the plan id).
 * 1: the first version.
 */
export const incidentPlanProgressProjection: Projection<IncidentPlanProgressDocument> = {
  name: 'incident-plan-progress',
  version: 1,
  collection: INCIDENT_PLAN_PROGRESS,
  topics: [ASSIGNMENT_TOPIC],
  handles: PLAN_PROGRESS_TYPES,
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => {
    const progress = evolvePlanProgress(doc, event);
    return progress && { _id: progress.planId, ...progress };
  },
};
