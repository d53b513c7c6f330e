import type {
  EscalationTrigger,
  IncidentPlanLevelRule,
  IncidentPlanPolicy,
  PlanMemberResolution,
} from '@kesu/assignment-contracts';
import type { ChainHolder } from '../escalation/escalation';

// The commands of a plan's stream, decided by `incidentPlanDecider`.

interface ByWhom {
  /** The user (id) who acts, or the service for a reaction. */
  readonly by: string;
  readonly at: string;
}

/** Open a plan for a detected incident, or for the complaints a supervisor declares one over. */
export interface OpenIncidentPlan extends ByWhom {
  readonly type: 'OpenIncidentPlan';
  readonly planId: string;
  readonly tenantId: string;
  readonly unitId: string;
  readonly origin: 'detected' | 'declared';
  readonly incidentId: string | null;
  readonly complaintIds: readonly string[];
  readonly complainantCount: number;
  readonly signals: readonly EscalationTrigger[];
  /** The coordinator the policy (or the declaration) names, from the directory. */
  readonly coordinator: ChainHolder | null;
  readonly policy: IncidentPlanPolicy;
  /** What it is about (the incident's target), for the coordinator's notification. */
  readonly about: string | null;
  readonly reason: string | null;
}

/** A complaint joined the plan's incident; the plan's people and signals may raise its level. */
export interface AddComplaintToPlan extends ByWhom {
  readonly type: 'AddComplaintToPlan';
  readonly complaintId: string;
  readonly complainantCount: number;
  readonly signals: readonly EscalationTrigger[];
  readonly levelRules: readonly IncidentPlanLevelRule[];
  readonly coordinatorLanguage: 'zh' | 'en';
}

export interface RemoveComplaintFromPlan extends ByWhom {
  readonly type: 'RemoveComplaintFromPlan';
  readonly complaintId: string;
  readonly reason: string;
}

export interface CompletePlanStep extends ByWhom {
  readonly type: 'CompletePlanStep';
  readonly stepId: string;
  readonly note: string;
}

export interface ReportPlanStatus extends ByWhom {
  readonly type: 'ReportPlanStatus';
  readonly text: string;
}

/** The coordinator closes the plan with a note (`overrides`: a director or administrator may too). */
export interface ClosePlan extends ByWhom {
  readonly type: 'ClosePlan';
  readonly note: string;
  readonly overrides: boolean;
}

/** A member complaint's matter ended; the plan closes when none is left open. */
export interface ResolvePlanMember extends ByWhom {
  readonly type: 'ResolvePlanMember';
  readonly complaintId: string;
  readonly resolution: PlanMemberResolution;
}

/** The plan's incident was merged into another: its complaints go to that incident's plan. */
export interface MergePlan extends ByWhom {
  readonly type: 'MergePlan';
  readonly intoPlanId: string;
}

export type IncidentPlanCommand =
  | OpenIncidentPlan
  | AddComplaintToPlan
  | RemoveComplaintFromPlan
  | CompletePlanStep
  | ReportPlanStatus
  | ClosePlan
  | ResolvePlanMember
  | MergePlan;
