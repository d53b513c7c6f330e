import type { IncidentPlanEvent, PlanClosure } from '@kesu/assignment-contracts';
import {
  assertNever,
  type Decider,
  DomainRuleViolation,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from '@kesu/kernel';
import { planLevelRank } from '../escalation/labels';
import {
  evolveIncidentPlan,
  initialIncidentPlanState,
  type IncidentPlanState,
  openMembers,
} from './incident-plan';
import type {
  AddComplaintToPlan,
  ClosePlan,
  CompletePlanStep,
  IncidentPlanCommand,
  MergePlan,
  OpenIncidentPlan,
  RemoveComplaintFromPlan,
  ReportPlanStatus,
  ResolvePlanMember,
} from './incident-plan-commands';
import { planLevelFor, planOpenedNotice, planRaisedNotice } from './plan-level';

// ---------------------------------------------------------------- decide

function open(command: OpenIncidentPlan, state: IncidentPlanState): IncidentPlanEvent[] {
  if (state.status !== 'none') return [];
  const { planId, tenantId, unitId, origin, incidentId, complainantCount, signals, coordinator, policy } =
    command;
  const complaintIds = [...new Set(command.complaintIds)];
  if (complaintIds.length === 0)
    throw new InvalidInputError([{ field: 'complaintIds', message: 'a plan needs at least one complaint' }]);
  const level = planLevelFor(policy.levelRules, complainantCount, signals);
  const opened: IncidentPlanEvent = {
    type: 'IncidentPlanOpened',
    data: {
      planId,
      tenantId,
      unitId,
      origin,
      incidentId,
      level,
      complainantCount,
      signals: [...new Set(signals)],
      coordinatorId: coordinator?.personId ?? null,
      complaintIds,
      steps: policy.steps,
      reason: command.reason,
      openedBy: command.by,
      openedAt: command.at,
    },
  };
  if (!coordinator) return [opened];
  const text = planOpenedNotice({
    level,
    complaintCount: complaintIds.length,
    complainantCount,
    about: command.about,
  });
  return [
    opened,
    {
      type: 'IncidentPlanNotificationRequested',
      data: {
        planId,
        recipientId: coordinator.personId,
        language: coordinator.language,
        about: 'opened',
        level,
        text,
        requestedAt: command.at,
      },
    },
  ];
}

function add(command: AddComplaintToPlan, state: IncidentPlanState): IncidentPlanEvent[] {
  const { complaintId, at } = command;
  if (state.status !== 'open' || complaintId in state.members) return [];
  const complainantCount = Math.max(command.complainantCount, state.complainantCount);
  const complaintCount = Object.keys(state.members).length + 1;
  const added: IncidentPlanEvent = {
    type: 'ComplaintAddedToIncidentPlan',
    data: { planId: state.planId, complaintId, complaintCount, complainantCount, addedAt: at },
  };
  const signals = [...new Set([...state.signals, ...command.signals])];
  const level = planLevelFor(command.levelRules, complainantCount, signals);
  if (planLevelRank(level) <= planLevelRank(state.level)) return [added];
  const raised: IncidentPlanEvent[] = [
    added,
    {
      type: 'IncidentPlanLevelRaised',
      data: { planId: state.planId, from: state.level, to: level, complainantCount, signals, raisedAt: at },
    },
  ];
  if (!state.coordinatorId) return raised;
  const text = planRaisedNotice(level, complainantCount);
  const recipientId = state.coordinatorId;
  const language = command.coordinatorLanguage;
  return [
    ...raised,
    {
      type: 'IncidentPlanNotificationRequested',
      data: {
        planId: state.planId,
        recipientId,
        language,
        about: 'level_raised',
        level,
        text,
        requestedAt: at,
      },
    },
  ];
}

function remove(command: RemoveComplaintFromPlan, state: IncidentPlanState): IncidentPlanEvent[] {
  const { complaintId, reason, by, at } = command;
  if (state.status !== 'open' || !(complaintId in state.members)) return [];
  const complaintCount = Object.keys(state.members).length - 1;
  const removed: IncidentPlanEvent = {
    type: 'ComplaintRemovedFromIncidentPlan',
    data: { planId: state.planId, complaintId, complaintCount, reason, removedBy: by, removedAt: at },
  };
  const left = openMembers(state).filter((id) => id !== complaintId);
  if (left.length > 0) return [removed];
  return [removed, closed(state, complaintCount === 0 ? 'emptied' : 'resolved', null, by, at)];
}

function completeStep(command: CompletePlanStep, state: IncidentPlanState): IncidentPlanEvent[] {
  const { stepId, note, by, at } = command;
  refuseUnlessOpen(state);
  const step = state.steps.find((s) => s.stepId === stepId);
  if (!step) throw new NotFoundError('incident_plan.step_not_found', `the plan has no step ${stepId}`);
  if (step.done)
    throw new DomainRuleViolation(
      'incident_plan.step_done',
      `step ${stepId} was done already, at ${step.done.at}`,
    );
  if (note.trim() === '') throw new InvalidInputError([{ field: 'note', message: 'note is blank' }]);
  return [
    {
      type: 'IncidentPlanStepCompleted',
      data: { planId: state.planId, stepId, note, doneBy: by, doneAt: at },
    },
  ];
}

function report(command: ReportPlanStatus, state: IncidentPlanState): IncidentPlanEvent[] {
  refuseUnlessOpen(state);
  if (command.text.trim() === '') throw new InvalidInputError([{ field: 'text', message: 'text is blank' }]);
  const reportNo = state.reports.length + 1;
  const { text, by, at } = command;
  return [
    {
      type: 'IncidentPlanStatusReported',
      data: { planId: state.planId, reportNo, text, reportedBy: by, reportedAt: at },
    },
  ];
}

function close(command: ClosePlan, state: IncidentPlanState): IncidentPlanEvent[] {
  refuseUnlessOpen(state);
  if (command.by !== state.coordinatorId && !command.overrides)
    throw new ForbiddenError(
      'incident_plan.not_coordinator',
      'only the coordinator of the plan (or a director) closes it',
    );
  if (command.note.trim() === '') throw new InvalidInputError([{ field: 'note', message: 'note is blank' }]);
  return [closed(state, 'closed_by_coordinator', command.note, command.by, command.at)];
}

function resolve(command: ResolvePlanMember, state: IncidentPlanState): IncidentPlanEvent[] {
  const { complaintId, resolution, by, at } = command;
  if (state.status !== 'open' || state.members[complaintId] !== null) return [];
  const resolved: IncidentPlanEvent = {
    type: 'IncidentPlanMemberResolved',
    data: { planId: state.planId, complaintId, resolution, resolvedAt: at },
  };
  const left = openMembers(state).filter((id) => id !== complaintId);
  return left.length > 0 ? [resolved] : [resolved, closed(state, 'resolved', null, by, at)];
}

function merge(command: MergePlan, state: IncidentPlanState): IncidentPlanEvent[] {
  if (state.status !== 'open' || command.intoPlanId === state.planId) return [];
  return [closed(state, 'merged', null, command.by, command.at, command.intoPlanId)];
}

function closed(
  state: IncidentPlanState,
  closure: PlanClosure,
  note: string | null,
  by: string,
  at: string,
  intoPlanId: string | null = null,
): IncidentPlanEvent {
  return {
    type: 'IncidentPlanClosed',
    data: { planId: state.planId, closure, note, intoPlanId, closedBy: by, closedAt: at },
  };
}

function refuseUnlessOpen(state: IncidentPlanState): void {
  if (state.status === 'closed')
    throw new DomainRuleViolation(
      'incident_plan.closed',
      `plan ${state.planId} is closed (${state.closing?.closure})`,
    );
  if (state.status !== 'open')
    throw new DomainRuleViolation('incident_plan.not_open', 'the plan has not opened');
}

/** Decides a command on a plan's stream. */
export function decideIncidentPlan(
  command: IncidentPlanCommand,
  state: IncidentPlanState,
): IncidentPlanEvent[] {
  switch (command.type) {
    case 'OpenIncidentPlan':
      return open(command, state);
    case 'AddComplaintToPlan':
      return add(command, state);
    case 'RemoveComplaintFromPlan':
      return remove(command, state);
    case 'CompletePlanStep':
      return completeStep(command, state);
    case 'ReportPlanStatus':
      return report(command, state);
    case 'ClosePlan':
      return close(command, state);
    case 'ResolvePlanMember':
      return resolve(command, state);
    case 'MergePlan':
      return merge(command, state);
    default:
      return assertNever(command);
  }
}

/** The decider of a plan's stream (`incidentPlanStream(planId)`). */
export const incidentPlanDecider: Decider<IncidentPlanCommand, IncidentPlanEvent, IncidentPlanState> = {
  decide: decideIncidentPlan,
  evolve: evolveIncidentPlan,
  initialState: initialIncidentPlanState,
};
