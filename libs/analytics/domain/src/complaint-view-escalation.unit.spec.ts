import type {
  ComplaintEscalatedData,
  EscalationHandedBackData,
  IncidentPlanOpenedData,
} from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { complaintViewIds } from './complaint-view-evolve';
import { fold, recorded } from './complaint-view.test-support';
import { evolvePlanProgress, planProgressAsOf } from './incident-plan-progress';

const escalated = (
  level: ComplaintEscalatedData['level'],
  holderId: string,
  at: string,
): ComplaintEscalatedData => ({
  complaintId: 'c-1',
  level,
  unitId: 'u',
  holderId,
  from: null,
  mode: 'automatic',
  reason: null,
  triggers: ['major'],
  skipped: [],
  respondBy: '2026-11-23T03:00:00.000Z',
  escalatedBy: 'assignment',
  escalatedAt: at,
});

const opened = (complaintIds: string[]): IncidentPlanOpenedData => ({
  planId: 'p-1',
  tenantId: 'demo',
  unitId: 'west-2',
  origin: 'detected',
  incidentId: 'i-1',
  level: 'level_3',
  complainantCount: 20,
  signals: [],
  coordinatorId: 'user-director1',
  complaintIds,
  steps: [
    { stepId: 'separate_room', name: { zh: '接待室', en: 'separate room' } },
    { stepId: 'talk_to_leader', name: { zh: '领头人', en: 'leader' } },
  ],
  reason: null,
  openedBy: 'assignment',
  openedAt: '2026-11-23T02:05:00.000Z',
});

/** An event of plan p-1's stream, at a revision of it. */
const ofPlan = (type: string, data: object, revision: number): RecordedEvent => ({
  ...recorded(type, data),
  streamId: 'assignment-plan-p-1',
  correlationId: 'p-1',
  revision,
});

describe("the complaint view's escalation and plan", () => {
  it('shows the level holding the complaint, who, since when and by when', () => {
    const view = fold(
      recorded('ComplaintEscalated', escalated('branch', 'user-manager1', '2026-11-23T02:01:00.000Z')),
    );
    expect(view.escalation).toEqual({
      level: 'branch',
      holderId: 'user-manager1',
      since: '2026-11-23T02:01:00.000Z',
      respondBy: '2026-11-23T03:00:00.000Z',
    });
    expect(view.eventCount).toBe(2);
  });

  it('follows it back down, and shows none once its handler has it again', () => {
    const back = (to: EscalationHandedBackData['to']): EscalationHandedBackData => ({
      complaintId: 'c-1',
      from: { level: 'headquarters', holderId: 'user-director1' },
      to,
      note: 'n',
      handedBackBy: 'user-director1',
      handedBackAt: '2026-11-23T04:00:00.000Z',
    });
    const up = [
      recorded('ComplaintEscalated', escalated('branch', 'user-manager1', '2026-11-23T02:01:00.000Z')),
      recorded('ComplaintEscalated', escalated('headquarters', 'user-director1', '2026-11-23T02:02:00.000Z')),
    ];
    const toBranch = recorded('EscalationHandedBack', back({ level: 'branch', holderId: 'user-manager1' }));
    expect(fold(...up, toBranch).escalation).toEqual({
      level: 'branch',
      holderId: 'user-manager1',
      since: '2026-11-23T04:00:00.000Z',
      respondBy: null,
    });
    expect(fold(...up, recorded('EscalationHandedBack', back(null))).escalation).toBeNull();
  });

  it('shows the plan that names the complaint, and none once it leaves it', () => {
    const open = ofPlan('IncidentPlanOpened', opened(['c-0', 'c-1']), 0);
    expect(complaintViewIds(open)).toEqual(['c-0', 'c-1']);
    expect(fold(open).incidentPlan).toEqual({ planId: 'p-1', revision: 0 });
    expect(fold(ofPlan('IncidentPlanOpened', opened(['c-0']), 0)).incidentPlan).toBeNull();
    const added = ofPlan(
      'ComplaintAddedToIncidentPlan',
      { planId: 'p-1', complaintId: 'c-1', complaintCount: 2, complainantCount: 21, addedAt: 'x' },
      4,
    );
    expect(complaintViewIds(added)).toEqual(['c-1']);
    expect(fold(added).incidentPlan).toEqual({ planId: 'p-1', revision: 4 });
    const removed = ofPlan(
      'ComplaintRemovedFromIncidentPlan',
      { planId: 'p-1', complaintId: 'c-1', complaintCount: 1, reason: 'r', removedBy: 'u', removedAt: 'x' },
      5,
    );
    expect(fold(added, removed).incidentPlan).toBeNull();
  });
});

describe("a plan's progress, as its complaints' views show it", () => {
  it('follows its level, its steps done and its closing, also as of an instant', () => {
    const events = [
      ofPlan('IncidentPlanOpened', opened(['c-1']), 0),
      ofPlan(
        'IncidentPlanStepCompleted',
        { planId: 'p-1', stepId: 'separate_room', note: 'n', doneBy: 'u', doneAt: 'x' },
        1,
      ),
      ofPlan(
        'IncidentPlanLevelRaised',
        { planId: 'p-1', from: 'level_3', to: 'level_2', complainantCount: 60, signals: [], raisedAt: 'x' },
        2,
      ),
      ofPlan(
        'IncidentPlanClosed',
        { planId: 'p-1', closure: 'resolved', note: null, intoPlanId: null, closedBy: 'a', closedAt: 'x' },
        3,
      ),
    ];
    expect(events.reduce(evolvePlanProgress, null)).toEqual({
      planId: 'p-1',
      tenantId: 'demo',
      level: 'level_2',
      status: 'closed',
      stepsDone: 1,
      stepsTotal: 2,
    });
    expect(planProgressAsOf(events, events[1]!.recordedAt)).toMatchObject({
      level: 'level_3',
      status: 'open',
      stepsDone: 1,
    });
  });
});
