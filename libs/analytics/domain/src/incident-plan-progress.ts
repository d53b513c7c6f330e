import type { IncidentPlanEvent, IncidentPlanLevel } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';

/** How a collective-incident plan stands, as each of its complaints' views shows it. */
export interface IncidentPlanProgress {
  readonly planId: string;
  readonly tenantId: string;
  readonly level: IncidentPlanLevel;
  readonly status: 'open' | 'closed';
  readonly stepsDone: number;
  readonly stepsTotal: number;
}

/** The plan events that change its progress. */
export const PLAN_PROGRESS_TYPES = [
  'IncidentPlanOpened',
  'IncidentPlanLevelRaised',
  'IncidentPlanStepCompleted',
  'IncidentPlanClosed',
] as const;

/** Folds one event of a plan's stream into its progress (other types leave it as it is). */
export function evolvePlanProgress(
  progress: IncidentPlanProgress | null,
  event: RecordedEvent,
): IncidentPlanProgress | null {
  const plan = { type: event.type, data: event.data } as IncidentPlanEvent;
  if (plan.type === 'IncidentPlanOpened') {
    const { planId, level, steps } = plan.data;
    return {
      planId,
      tenantId: event.tenantId,
      level,
      status: 'open',
      stepsDone: 0,
      stepsTotal: steps.length,
    };
  }
  if (!progress) return null;
  if (plan.type === 'IncidentPlanLevelRaised') return { ...progress, level: plan.data.to };
  if (plan.type === 'IncidentPlanStepCompleted')
    return { ...progress, stepsDone: Math.min(progress.stepsDone + 1, progress.stepsTotal) };
  if (plan.type === 'IncidentPlanClosed') return { ...progress, status: 'closed' };
  return progress;
}

/** A plan's progress as it stood at `instant`: a fold of its events recorded up to then. */
export function planProgressAsOf(
  events: readonly RecordedEvent[],
  instant: string,
): IncidentPlanProgress | null {
  const until = Date.parse(instant);
  return events
    .filter((event) => Date.parse(event.recordedAt) <= until)
    .reduce<IncidentPlanProgress | null>(evolvePlanProgress, null);
}
