import { DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { escalationDecider } from './escalation-decider';
import {
  at,
  chainWithout,
  complaint,
  director,
  escalateBy,
  escalatedTo,
  handBackBy,
  head,
  later,
  manager,
  ofType,
  supervisor,
} from './escalation.test-support';

const spec = DeciderSpecification.for(escalationDecider);
const code = (expected: string) => (e: DomainRuleViolation) => e.code === expected;

describe('escalating a complaint by hand, one level up the chain', () => {
  it('takes it from its handler to the head of its department, who is told', () => {
    spec
      .given([])
      .when(escalateBy('user-handler1'))
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            complaintId: 'c-1',
            level: 'department',
            unitId: 'east-1-cs',
            holderId: head.personId,
            from: null,
            mode: 'manual',
            reason: '客户情绪激动，需要上级处理',
            triggers: [],
            skipped: [],
            respondBy: null,
            escalatedBy: 'user-handler1',
            escalatedAt: at,
          },
        },
        {
          type: 'EscalationNotificationRequested',
          data: {
            complaintId: 'c-1',
            recipientId: head.personId,
            language: 'zh',
            about: 'escalated',
            level: 'department',
            text: {
              zh: '投诉 KS-20260302-000001 已升级至部门负责人（孙丽），原因：客户情绪激动，需要上级处理。',
              en: 'Complaint KS-20260302-000001 was escalated to you as department head (Sun Li). Why: 客户情绪激动，需要上级处理.',
            },
            respondBy: null,
            requestedAt: at,
          },
        },
      ]);
  });

  it.each([
    ['department', 'branch', manager.personId],
    ['branch', 'region', supervisor.personId],
    ['region', 'headquarters', director.personId],
  ] as const)('takes it from the %s to the %s', (from, to, holderId) => {
    spec
      .given([escalatedTo(from, 'someone')])
      .when(escalateBy('someone'))
      .thenMatches((events) => {
        const [escalated] = ofType(events, 'ComplaintEscalated');
        expect(escalated).toMatchObject({ level: to, holderId, from: { level: from, holderId: 'someone' } });
        expect(ofType(events, 'EscalationNotificationRequested')[0]!.recipientId).toBe(holderId);
      });
  });

  it('passes over the levels nobody holds, and says which', () => {
    spec
      .given([])
      .when({ ...escalateBy('user-handler1'), chain: chainWithout('department', 'branch') })
      .thenMatches((events) =>
        expect(ofType(events, 'ComplaintEscalated')[0]).toMatchObject({
          level: 'region',
          skipped: ['department', 'branch'],
        }),
      );
  });

  it('notifies in the language the receiver reads', () => {
    spec
      .given([escalatedTo('branch', manager.personId)])
      .when(escalateBy(manager.personId))
      .thenMatches((events) =>
        expect(ofType(events, 'EscalationNotificationRequested')[0]).toMatchObject({
          language: 'en',
          recipientId: supervisor.personId,
        }),
      );
  });

  it('refuses to go above the top of the chain (409)', () => {
    spec
      .given([escalatedTo('headquarters', director.personId)])
      .when(escalateBy(director.personId))
      .thenThrows(DomainRuleViolation, code('escalation.at_top'));
  });

  it('refuses when nobody holds a level above (409)', () => {
    spec
      .given([escalatedTo('branch', manager.personId)])
      .when({ ...escalateBy(manager.personId), chain: chainWithout('region', 'headquarters') })
      .thenThrows(DomainRuleViolation, code('escalation.no_holder_above'));
  });

  it('refuses a complaint whose matter ended (409)', () => {
    spec
      .given([])
      .when({ ...escalateBy('user-handler1'), complaint: { ...complaint, ended: true } })
      .thenThrows(DomainRuleViolation, code('escalation.complaint_ended'));
  });

  it('needs a reason (400 naming it)', () => {
    spec
      .given([])
      .when(escalateBy('user-handler1', '  '))
      .thenThrows(InvalidInputError, (e) => e.errors[0]!.field === 'reason');
  });
});

describe('handing a complaint back down', () => {
  it('returns it to the level below, which holds it again from then and is told, with the note', () => {
    const given = [escalatedTo('department', head.personId), escalatedTo('branch', manager.personId)];
    spec
      .given(given)
      .when(handBackBy(manager.personId))
      .then([
        {
          type: 'EscalationHandedBack',
          data: {
            complaintId: 'c-1',
            from: { level: 'branch', holderId: manager.personId },
            to: { level: 'department', holderId: head.personId },
            note: '已核实处理方案，交回跟进',
            handedBackBy: manager.personId,
            handedBackAt: later,
          },
        },
        {
          type: 'EscalationNotificationRequested',
          data: {
            complaintId: 'c-1',
            recipientId: head.personId,
            language: 'zh',
            about: 'handed_back',
            level: 'department',
            text: {
              zh: '投诉 KS-20260302-000001 已由分公司经理交回给您处理。说明：已核实处理方案，交回跟进',
              en: 'Complaint KS-20260302-000001 was handed back to you by the branch manager. Note: 已核实处理方案，交回跟进',
            },
            respondBy: null,
            requestedAt: later,
          },
        },
      ]);
  });

  it('returns it to its handler from the first level, which ends the escalation', () => {
    spec
      .given([escalatedTo('department', head.personId)])
      .when(handBackBy(head.personId))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['EscalationHandedBack']);
        expect(ofType(events, 'EscalationHandedBack')[0]!.to).toBeNull();
      });
  });

  it('leaves the level below holding it since the hand-back', () => {
    const given = [escalatedTo('department', head.personId), escalatedTo('branch', manager.personId)];
    const events = escalationDecider.decide(
      handBackBy(manager.personId),
      given.reduce(escalationDecider.evolve, escalationDecider.initialState()),
    );
    const state = [...given, ...events].reduce(escalationDecider.evolve, escalationDecider.initialState());
    expect(state.stack).toEqual([
      { level: 'department', unitId: 'east-1-cs', holderId: head.personId, since: later, respondBy: null },
    ]);
  });

  it('refuses anyone but the holder (409): it is not theirs to hand back', () => {
    spec
      .given([escalatedTo('branch', manager.personId)])
      .when(handBackBy(head.personId))
      .thenThrows(DomainRuleViolation, code('escalation.not_holder'));
  });

  it('refuses a complaint that is not escalated (409)', () => {
    spec
      .given([])
      .when(handBackBy(head.personId))
      .thenThrows(DomainRuleViolation, code('escalation.not_escalated'));
  });

  it('needs a note (400 naming it)', () => {
    spec
      .given([escalatedTo('branch', manager.personId)])
      .when(handBackBy(manager.personId, ''))
      .thenThrows(InvalidInputError, (e) => e.errors[0]!.field === 'note');
  });

  it('after handing back, a person can escalate it again', () => {
    const given = [
      escalatedTo('department', head.personId),
      {
        type: 'EscalationHandedBack' as const,
        data: {
          complaintId: 'c-1',
          from: { level: 'department' as const, holderId: head.personId },
          to: null,
          note: 'n',
          handedBackBy: head.personId,
          handedBackAt: later,
        },
      },
    ];
    spec
      .given(given)
      .when(escalateBy('user-handler1'))
      .thenMatches((events) =>
        expect(ofType(events, 'ComplaintEscalated')[0]).toMatchObject({ level: 'department', from: null }),
      );
  });
});
