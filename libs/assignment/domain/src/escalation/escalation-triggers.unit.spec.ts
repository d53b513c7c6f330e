import type { EscalationRule, EscalationTrigger } from '@kesu/assignment-contracts';
import { DeciderSpecification } from '@kesu/testing';
import { escalationDecider } from './escalation-decider';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import {
  at,
  chainWithout,
  complaint,
  director,
  escalatedTo,
  head,
  manager,
  ofType,
  onTriggers,
  supervisor,
} from './escalation.test-support';
import { SLA_EVENT_TRIGGERS, triggersOfClassification } from './triggers';

const spec = DeciderSpecification.for(escalationDecider);

/** The one ComplaintEscalated a decision produced. */
const escalation = (events: Parameters<typeof ofType>[0]) => {
  const escalated = ofType(events, 'ComplaintEscalated');
  expect(escalated).toHaveLength(1);
  return escalated[0]!;
};

describe('escalating on triggers, under the seeds’ default policy', () => {
  it('takes a critical complaint to the general manager, to respond the same day (Shanghai time)', () => {
    spec
      .given([])
      .when(onTriggers(['critical']))
      .thenMatches((events) => {
        expect(escalation(events)).toMatchObject({
          level: 'headquarters',
          holderId: director.personId,
          mode: 'automatic',
          reason: null,
          triggers: ['critical'],
          respondBy: '2026-03-02T15:59:59.999Z',
          escalatedBy: 'assignment',
        });
        const [notice] = ofType(events, 'EscalationNotificationRequested');
        expect(notice!.text.zh).toBe(
          '投诉 KS-20260302-000001 已升级至总经理（中心主任）（杨磊），原因：重大投诉。请于 2026-03-02 23:59 前响应。',
        );
        expect(notice!.text.en).toContain('Please respond by 2026-03-02 23:59 (Asia/Shanghai)');
      });
  });

  it('takes a major complaint to the branch manager, within 1 hour', () => {
    spec
      .given([])
      .when(onTriggers(['major']))
      .thenMatches((events) =>
        expect(escalation(events)).toMatchObject({
          level: 'branch',
          holderId: manager.personId,
          respondBy: '2026-03-02T03:00:00.000Z',
        }),
      );
  });

  it.each([
    ['collective', 'headquarters'],
    ['media_exposure', 'region'],
    ['government_petition', 'branch'],
    ['legal_action', 'branch'],
    ['repeat_complaint', 'department'],
    ['sla_at_risk', 'department'],
    ['sla_breached', 'department'],
  ] as const)('takes %s to the %s level', (trigger, level) => {
    spec
      .given([])
      .when(onTriggers([trigger]))
      .thenMatches((events) => expect(escalation(events)).toMatchObject({ level, triggers: [trigger] }));
  });

  it('goes to the highest level several triggers call for, naming them all', () => {
    spec
      .given([])
      .when(onTriggers(['major', 'government_petition', 'collective']))
      .thenMatches((events) => {
        expect(escalation(events)).toMatchObject({
          level: 'headquarters',
          triggers: ['major', 'government_petition', 'collective'],
          respondBy: '2026-03-02T03:00:00.000Z',
        });
        expect(ofType(events, 'EscalationNotificationRequested')[0]!.text.zh).toContain(
          '原因：重要投诉、扬言信访/12345、群体（集体）投诉。',
        );
      });
  });

  it('from a level it holds already, goes only higher', () => {
    spec
      .given([escalatedTo('branch', manager.personId)])
      .when(onTriggers(['media_exposure']))
      .thenMatches((events) =>
        expect(escalation(events)).toMatchObject({
          level: 'region',
          holderId: supervisor.personId,
          from: { level: 'branch', holderId: manager.personId },
        }),
      );
  });

  it('notes triggers that call for a level it stands at or above, without escalating', () => {
    spec
      .given([escalatedTo('region', supervisor.personId)])
      .when(onTriggers(['major']))
      .then([
        {
          type: 'EscalationTriggersNoted',
          data: { complaintId: 'c-1', triggers: ['major'], level: 'region', notedAt: at },
        },
      ]);
  });

  it('takes each trigger into account once: repeated, or after the complaint was handed back, it does nothing', () => {
    const handedBack = {
      type: 'EscalationHandedBack' as const,
      data: {
        complaintId: 'c-1',
        from: { level: 'branch' as const, holderId: manager.personId },
        to: null,
        note: 'n',
        handedBackBy: manager.personId,
        handedBackAt: at,
      },
    };
    spec
      .given([escalatedTo('branch', manager.personId, { triggers: ['major'] }), handedBack])
      .when(onTriggers(['major']))
      .thenNothingHappens();
  });

  it('escalates one level further on every warning or breach of a time limit', () => {
    spec
      .given([escalatedTo('department', head.personId, { triggers: ['sla_at_risk'] })])
      .when(onTriggers(['sla_at_risk']))
      .thenMatches((events) => expect(escalation(events)).toMatchObject({ level: 'branch' }));
  });

  it('does nothing on a trigger its policy has no rule for', () => {
    spec
      .given([])
      .when(onTriggers(['vip_or_authority']))
      .thenNothingHappens();
  });

  it('does nothing on a complaint whose matter ended', () => {
    spec
      .given([])
      .when({ ...onTriggers(['critical']), complaint: { ...complaint, ended: true } })
      .thenNothingHappens();
  });
});

describe('where a trigger goes when nobody holds its level', () => {
  it('goes on up to the next level held, naming the one passed over', () => {
    spec
      .given([])
      .when({ ...onTriggers(['major']), chain: chainWithout('branch') })
      .thenMatches((events) =>
        expect(escalation(events)).toMatchObject({ level: 'region', skipped: ['branch'] }),
      );
  });

  it('with nobody above, stops at the highest level held below it', () => {
    spec
      .given([])
      .when({ ...onTriggers(['critical']), chain: chainWithout('region', 'headquarters') })
      .thenMatches((events) =>
        expect(escalation(events)).toMatchObject({ level: 'branch', skipped: ['region', 'headquarters'] }),
      );
  });

  it('with nobody at all, notes the triggers', () => {
    spec
      .given([])
      .when({
        ...onTriggers(['major']),
        chain: chainWithout('department', 'branch', 'region', 'headquarters'),
      })
      .then([
        {
          type: 'EscalationTriggersNoted',
          data: { complaintId: 'c-1', triggers: ['major'], level: null, notedAt: at },
        },
      ]);
  });
});

describe('the policy is data', () => {
  it('follows a tenant that takes major complaints to the region, within 30 minutes', () => {
    const rules: EscalationRule[] = [
      { trigger: 'major', level: 'region', respondWithin: { kind: 'within_hours', hours: 0.5 } },
    ];
    spec
      .given([])
      .when(onTriggers(['major'], rules))
      .thenMatches((events) =>
        expect(escalation(events)).toMatchObject({ level: 'region', respondBy: '2026-03-02T02:30:00.000Z' }),
      );
  });

  it('ships the seeds’ defaults: critical → headquarters the same day, major → branch within 1 hour, collective → the centre director', () => {
    const rule = (trigger: EscalationTrigger) =>
      DEFAULT_ESCALATION_POLICY.rules.find((r) => r.trigger === trigger);
    expect(rule('critical')).toEqual({
      trigger: 'critical',
      level: 'headquarters',
      respondWithin: { kind: 'same_day' },
    });
    expect(rule('major')).toEqual({
      trigger: 'major',
      level: 'branch',
      respondWithin: { kind: 'within_hours', hours: 1 },
    });
    expect(rule('collective')?.level).toBe('headquarters');
    expect(DEFAULT_ESCALATION_POLICY.levelRoles.headquarters).toBe('director');
  });
});

describe('what triggers escalation', () => {
  it('reads severity, scope and the signals a classification records', () => {
    expect(
      triggersOfClassification({
        severity: 'critical',
        scope: 'collective',
        signals: ['media_exposure', 'unknown'],
      }),
    ).toEqual(['critical', 'collective', 'media_exposure']);
    expect(triggersOfClassification({ severity: 'general', scope: 'individual', signals: [] })).toEqual([]);
  });

  it('expects the SLA service’s warnings and breaches by name', () => {
    expect(SLA_EVENT_TRIGGERS).toEqual({ SlaWarningRaised: 'sla_at_risk', SlaBreached: 'sla_breached' });
  });
});
