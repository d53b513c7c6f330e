import { DomainRuleViolation, ForbiddenError, InvalidInputError, NotFoundError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { incidentPlanDecider } from './incident-plan-decider';
import {
  at,
  closeBy,
  closedAs,
  join,
  later,
  memberResolved,
  opened,
  openOnDetection,
  policy,
  resolved,
  stepDone,
} from './incident-plan.test-support';
import { planLevelFor } from './plan-level';

const spec = DeciderSpecification.for(incidentPlanDecider);
const code = (expected: string) => (e: { code: string }) => e.code === expected;

describe('opening a collective-incident plan (三级预警预案)', () => {
  it('opens the smart-meter protest at level 3, with the seed’s checklist, and tells the coordinator', () => {
    spec
      .given([])
      .when(openOnDetection())
      .then([
        opened,
        {
          type: 'IncidentPlanNotificationRequested',
          data: {
            planId: 'p-1',
            recipientId: 'user-director1',
            language: 'zh',
            about: 'opened',
            level: 'level_3',
            text: {
              zh: '集体投诉事件已启动三级预警预案（2 件投诉，20 人），由您协调。事由：智能电表',
              en: 'A level 3 warning plan opened for a collective incident (2 complaints, 20 people); you coordinate it. About: 智能电表',
            },
            requestedAt: at,
          },
        },
      ]);
    expect(policy.steps.map((s) => s.stepId)).toEqual([
      'separate_room',
      'talk_to_leader',
      'bring_technician',
      'metrology_calibration',
      'report_emergency_office',
    ]);
  });

  it.each([
    [60, [], 'level_2'],
    [20, ['media_exposure'], 'level_2'],
    [250, [], 'level_1'],
    [20, ['injury_or_safety'], 'level_1'],
  ] as const)('opens %i people with signals %j at %s', (complainantCount, signals, level) => {
    spec
      .given([])
      .when(openOnDetection({ complainantCount, signals }))
      .thenMatches((events) => expect(events[0]!.data).toMatchObject({ level }));
  });

  it('opens without a coordinator when nobody holds the role, telling no one', () => {
    spec
      .given([])
      .when(openOnDetection({ coordinator: null }))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['IncidentPlanOpened']);
        expect(events[0]!.data).toMatchObject({ coordinatorId: null });
      });
  });

  it('opens once: a second opening changes nothing', () => {
    spec.given([opened]).when(openOnDetection()).thenNothingHappens();
  });

  it('needs a complaint', () => {
    spec
      .given([])
      .when(openOnDetection({ complaintIds: [] }))
      .thenThrows(InvalidInputError, (e) => e.errors[0]!.field === 'complaintIds');
  });

  it('chooses levels by the policy’s data', () => {
    expect(planLevelFor([], 10_000, ['injury_or_safety'])).toBe('level_3');
    expect(planLevelFor([{ level: 'level_1', minComplainants: 10 }], 10, [])).toBe('level_1');
  });
});

describe('the plan’s members follow its incident', () => {
  it('adds a complaint that joined the incident', () => {
    spec
      .given([opened])
      .when(join('c-3', 22))
      .then([
        {
          type: 'ComplaintAddedToIncidentPlan',
          data: {
            planId: 'p-1',
            complaintId: 'c-3',
            complaintCount: 3,
            complainantCount: 22,
            addedAt: later,
          },
        },
      ]);
  });

  it('raises the level when the people or the signals call for it, and tells the coordinator', () => {
    spec
      .given([opened])
      .when(join('c-3', 55))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'ComplaintAddedToIncidentPlan',
          'IncidentPlanLevelRaised',
          'IncidentPlanNotificationRequested',
        ]);
        expect(events[1]!.data).toMatchObject({ from: 'level_3', to: 'level_2', complainantCount: 55 });
        expect(events[2]!.data).toMatchObject({ about: 'level_raised', recipientId: 'user-director1' });
      });
    spec
      .given([opened])
      .when(join('c-3', 21, { signals: ['injury_or_safety'] }))
      .thenMatches((events) => expect(events[1]!.data).toMatchObject({ to: 'level_1' }));
  });

  it('adds a complaint once, and none to a closed plan', () => {
    spec.given([opened]).when(join('c-1', 20)).thenNothingHappens();
    spec
      .given([opened, closedAs('merged')])
      .when(join('c-3', 22))
      .thenNothingHappens();
  });

  it('removes a complaint taken out of the incident; without members the plan closes', () => {
    const remove = (complaintId: string) => ({
      type: 'RemoveComplaintFromPlan' as const,
      complaintId,
      reason: '不属于同一事件',
      by: 'user-supervisor1',
      at: later,
    });
    spec
      .given([opened])
      .when(remove('c-2'))
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['ComplaintRemovedFromIncidentPlan']),
      );
    const removedC2 = incidentPlanDecider.decide(
      remove('c-2'),
      incidentPlanDecider.evolve(incidentPlanDecider.initialState(), opened),
    );
    spec
      .given([opened, ...removedC2])
      .when(remove('c-1'))
      .thenMatches((events) => expect(events[1]).toEqual(closedAs('emptied', 'user-supervisor1')));
    spec.given([opened]).when(remove('c-9')).thenNothingHappens();
  });
});

describe('working through the checklist', () => {
  it('records a step done by whom, when, with a note', () => {
    spec
      .given([opened])
      .when(stepDone('separate_room'))
      .then([
        {
          type: 'IncidentPlanStepCompleted',
          data: {
            planId: 'p-1',
            stepId: 'separate_room',
            note: '已安排VIP室接待',
            doneBy: 'user-manager1',
            doneAt: later,
          },
        },
      ]);
  });

  it('refuses a step done already (409), one the plan has not (404), and a blank note (400)', () => {
    const done = incidentPlanDecider.decide(
      stepDone('separate_room'),
      incidentPlanDecider.evolve(incidentPlanDecider.initialState(), opened),
    );
    spec
      .given([opened, ...done])
      .when(stepDone('separate_room'))
      .thenThrows(DomainRuleViolation, code('incident_plan.step_done'));
    spec
      .given([opened])
      .when(stepDone('dance'))
      .thenThrows(NotFoundError, code('incident_plan.step_not_found'));
    spec
      .given([opened])
      .when(stepDone('talk_to_leader', 'u', ' '))
      .thenThrows(InvalidInputError, (e) => e.errors[0]!.field === 'note');
  });

  it('numbers the status reports', () => {
    const report = {
      type: 'ReportPlanStatus' as const,
      text: '已向应急办汇报：现场秩序平稳',
      by: 'user-director1',
      at: later,
    };
    const first = {
      type: 'IncidentPlanStatusReported' as const,
      data: {
        planId: 'p-1',
        reportNo: 1,
        text: report.text,
        reportedBy: 'user-director1',
        reportedAt: later,
      },
    };
    spec.given([opened]).when(report).then([first]);
    spec
      .given([opened, first])
      .when(report)
      .then([{ ...first, data: { ...first.data, reportNo: 2 } }]);
  });

  it('refuses work on a closed plan (409)', () => {
    spec
      .given([opened, closedAs('resolved')])
      .when(stepDone('separate_room'))
      .thenThrows(DomainRuleViolation, code('incident_plan.closed'));
  });
});

describe('closing the plan', () => {
  it('closes when the last of its complaints is resolved', () => {
    spec
      .given([opened])
      .when(resolved('c-1'))
      .then([memberResolved('c-1')]);
    spec
      .given([opened, memberResolved('c-1')])
      .when(resolved('c-2'))
      .then([memberResolved('c-2'), closedAs('resolved')]);
    spec
      .given([opened, memberResolved('c-1')])
      .when(resolved('c-1'))
      .thenNothingHappens();
    spec.given([opened]).when(resolved('c-9')).thenNothingHappens();
  });

  it('lets its coordinator close it with a note', () => {
    spec
      .given([opened])
      .when(closeBy('user-director1'))
      .then([
        {
          type: 'IncidentPlanClosed',
          data: {
            planId: 'p-1',
            closure: 'closed_by_coordinator',
            note: '现场校验合格，居民接受解释',
            intoPlanId: null,
            closedBy: 'user-director1',
            closedAt: later,
          },
        },
      ]);
  });

  it('refuses anyone else (403) unless they may override, and a plan closed already (409)', () => {
    spec
      .given([opened])
      .when(closeBy('user-manager1'))
      .thenThrows(ForbiddenError, code('incident_plan.not_coordinator'));
    spec
      .given([opened])
      .when(closeBy('user-admin', true))
      .thenMatches((events) => expect(events).toHaveLength(1));
    spec
      .given([opened, closedAs('resolved')])
      .when(closeBy('user-director1'))
      .thenThrows(DomainRuleViolation, code('incident_plan.closed'));
  });

  it('closes as merged into the plan of the incident its incident was merged into', () => {
    spec
      .given([opened])
      .when({ type: 'MergePlan', intoPlanId: 'p-2', by: 'assignment', at: later })
      .then([
        {
          type: 'IncidentPlanClosed',
          data: {
            planId: 'p-1',
            closure: 'merged',
            note: null,
            intoPlanId: 'p-2',
            closedBy: 'assignment',
            closedAt: later,
          },
        },
      ]);
  });
});
