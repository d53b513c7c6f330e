import type { IncidentPlanEvent } from '@kesu/assignment-contracts';
import { closedAs, later, memberResolved, opened } from './incident-plan.test-support';
import { evolvePlanSummary, type IncidentPlanSummary } from './plan-summary';

const fold = (events: IncidentPlanEvent[]) =>
  events.reduce<IncidentPlanSummary | null>(
    (summary, event) => evolvePlanSummary(summary, event, 'demo'),
    null,
  );

describe('a plan as its list shows it', () => {
  it('counts complaints, people, steps done, reports and resolved members, up to its closing', () => {
    const summary = fold([
      opened,
      {
        type: 'ComplaintAddedToIncidentPlan',
        data: { planId: 'p-1', complaintId: 'c-3', complaintCount: 3, complainantCount: 60, addedAt: later },
      },
      {
        type: 'IncidentPlanLevelRaised',
        data: {
          planId: 'p-1',
          from: 'level_3',
          to: 'level_2',
          complainantCount: 60,
          signals: [],
          raisedAt: later,
        },
      },
      {
        type: 'IncidentPlanStepCompleted',
        data: { planId: 'p-1', stepId: 'separate_room', note: 'n', doneBy: 'u', doneAt: later },
      },
      {
        type: 'IncidentPlanStatusReported',
        data: { planId: 'p-1', reportNo: 1, text: 't', reportedBy: 'u', reportedAt: later },
      },
      memberResolved('c-1'),
      closedAs('resolved'),
    ]);
    expect(summary).toEqual({
      planId: 'p-1',
      tenantId: 'demo',
      unitId: 'east-1',
      status: 'closed',
      level: 'level_2',
      origin: 'detected',
      incidentId: 'i-1',
      coordinatorId: 'user-director1',
      complaintCount: 3,
      complainantCount: 60,
      resolvedCount: 1,
      stepsDone: 1,
      stepsTotal: 5,
      statusReports: 1,
      openedAt: '2026-03-02T02:00:00.000Z',
      closedAt: later,
      closure: 'resolved',
    });
  });

  it('has nothing to show before the plan opened', () => {
    expect(fold([memberResolved('c-1')])).toBeNull();
  });
});
