import { type IntakeEvent } from '@kesu/intake-contracts';
import { DomainRuleViolation, fold } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import {
  appeal,
  appealed,
  at,
  automaticRejection,
  complaintId,
  decide,
  forbidden,
  handler,
  received,
  reject,
  rejected,
  rejectedFor,
  STATES,
  supervisor,
  withdraw,
} from './complaint-actions.test-support';
import { intakeDecider } from './intake-decider';

const spec = DeciderSpecification.for(intakeDecider);

describe('appealing a rejection', () => {
  it('records the appeal of a rejection', () => {
    spec.given([received, rejected]).when(appeal).then([appealed]);
  });

  it('allows one appeal only', () => {
    spec
      .given(STATES['rejected for good']!)
      .when(appeal)
      .thenThrows(DomainRuleViolation, forbidden('complaint.already_appealed'));
    spec
      .given(STATES.appealed!)
      .when(appeal)
      .thenThrows(DomainRuleViolation, forbidden('complaint.transition_forbidden'));
  });

  it('has nothing to appeal when the complaint ended because it was withdrawn', () => {
    spec
      .given([received, rejectedFor('withdrawn')])
      .when(appeal)
      .thenThrows(DomainRuleViolation, forbidden('complaint.appeal_not_allowed'));
  });

  it('needs grounds', () => {
    spec
      .given([received, rejected])
      .when({ ...appeal, grounds: '' })
      .thenThrows(DomainRuleViolation, forbidden('complaint.grounds_required'));
  });

  it('decides an appeal: overturned accepts the complaint, upheld makes the rejection final', () => {
    spec
      .given(STATES.appealed!)
      .when(decide)
      .then([
        {
          type: 'AppealDecided',
          data: {
            complaintId,
            outcome: 'overturned',
            explanation: '予以受理。',
            decidedBy: supervisor,
            decidedAt: at,
          },
        },
      ]);
    spec.given(STATES['accepted on appeal']!).when(reject).thenThrows(DomainRuleViolation);
    spec.given(STATES['rejected for good']!).when(withdraw).thenThrows(DomainRuleViolation);
  });

  it('keeps who rejected the complaint; an automatic rejection names no one', () => {
    spec
      .given([received])
      .when({ ...reject, reason: 'duplicate', automatic: true, rejectedBy: undefined })
      .thenMatches(([event]) => expect(event?.data).not.toHaveProperty('rejectedBy'));
    expect(fold(intakeDecider, [received, rejected]).rejectedBy).toBe(handler);
    expect(fold(intakeDecider, [received, automaticRejection]).rejectedBy).toBeUndefined();
  });

  describe('four-eyes principle: the appeal is decided by someone other than who rejected', () => {
    it('refuses the decision of the person who rejected the complaint, whatever the outcome', () => {
      for (const outcome of ['overturned', 'upheld'] as const) {
        spec
          .given(STATES.appealed!)
          .when({ ...decide, outcome, decidedBy: handler })
          .thenThrows(
            DomainRuleViolation,
            (e) =>
              e.code === 'appeal.same_person' &&
              e.message ===
                'the appeal against the rejection of complaint KS-20261123-000001 must be decided by ' +
                  'someone other than the person who rejected it (four-eyes principle)',
          );
      }
    });

    it('takes the decision of someone else, recording who decided', () => {
      spec
        .given(STATES.appealed!)
        .when({ ...decide, outcome: 'upheld', decidedBy: 'user-director1' })
        .thenMatches(([event]) =>
          expect(event?.data).toMatchObject({ outcome: 'upheld', decidedBy: 'user-director1' }),
        );
    });

    it('has no one to exclude after an automatic rejection, or one recorded without its author', () => {
      const legacy: IntakeEvent = {
        type: 'ComplaintRejected',
        data: {
          complaintId,
          reason: 'no_factual_basis',
          explanation: '查无此事。',
          automatic: false,
          rejectedAt: at,
        },
      };
      for (const rejection of [automaticRejection, legacy]) {
        spec
          .given([received, rejection, appealed])
          .when({ ...decide, decidedBy: handler })
          .thenMatches((events) => expect(events).toHaveLength(1));
      }
    });

    it('needs to know who decides', () => {
      spec
        .given(STATES.appealed!)
        .when({ ...decide, decidedBy: ' ' })
        .thenThrows(DomainRuleViolation, forbidden('appeal.decider_required'));
    });
  });

  it('needs an explanation for the decision', () => {
    spec
      .given(STATES.appealed!)
      .when({ ...decide, explanation: ' ' })
      .thenThrows(DomainRuleViolation, forbidden('complaint.explanation_required'));
  });
});
