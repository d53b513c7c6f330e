import { type IntakeEvent } from '@kesu/intake-contracts';
import { DomainRuleViolation } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import type { ComplaintAction } from './complaint-actions';
import {
  accept,
  accepted,
  appeal,
  at,
  complaintId,
  confirm,
  confirmed,
  decide,
  forbidden,
  link,
  received,
  reject,
  rejected,
  STATES,
  withdraw,
  withdrawn,
} from './complaint-actions.test-support';
import { intakeDecider } from './intake-decider';

const spec = DeciderSpecification.for(intakeDecider);

/** Which states each action is allowed in; every other state must refuse it. */
const ALLOWED: Array<[string, ComplaintAction, string[]]> = [
  ['ConfirmRecord', confirm, ['received', 'accepted', 'accepted on appeal']],
  ['AcceptComplaint', accept, ['received']],
  ['RejectComplaint', reject, ['received']],
  ['AppealRejection', appeal, ['rejected']],
  ['DecideAppeal', decide, ['appealed']],
  ['WithdrawComplaint', withdraw, ['received', 'accepted', 'rejected', 'appealed', 'accepted on appeal']],
];

describe('working on a registered complaint', () => {
  describe.each(ALLOWED)('%s', (_name, command, allowed) => {
    it.each(Object.keys(STATES).filter((s) => !allowed.includes(s)))('is refused when %s', (state) => {
      spec
        .given(STATES[state]!)
        .when(command)
        .thenThrows(DomainRuleViolation, (e) =>
          ['complaint.transition_forbidden', 'complaint.already_appealed'].includes(e.code),
        );
    });

    it.each(allowed)('is allowed when %s', (state) => {
      spec
        .given(STATES[state]!)
        .when(command)
        .thenMatches((events) => expect(events).toHaveLength(1));
    });

    it('needs a registered complaint', () => {
      spec.given([]).when(command).thenThrows(DomainRuleViolation, forbidden('complaint.not_registered'));
    });
  });

  it('names the complaint, its status and what is allowed in the message', () => {
    spec
      .given(STATES.withdrawn!)
      .when(accept)
      .thenThrows(
        DomainRuleViolation,
        (e) =>
          e.message === 'complaint KS-20261123-000001 is withdrawn; it can be accepted only while received',
      );
  });
});

describe('confirming the record read back (复述确认)', () => {
  it('records a confirmation', () => {
    spec.given([received]).when(confirm).then([confirmed]);
  });

  it('records corrections, which count as a confirmation', () => {
    const corrections = {
      complainant: { subjectId: 'customer-C1001', sealed: 'pd1.a.b.c' },
      description: '营业员态度恶劣，办理业务等了三个小时。',
      occurredAt: '2026-11-23T09:00:00+08:00',
      complainantCount: 2,
    };
    spec
      .given([received])
      .when({ type: 'ConfirmRecord', corrections, at })
      .then([{ type: 'RecordCorrected', data: { complaintId, corrections, correctedAt: at } }]);
    spec
      .given([received, { type: 'RecordCorrected', data: { complaintId, corrections, correctedAt: at } }])
      .when(confirm)
      .thenNothingHappens();
  });

  it('treats corrections without a field as a plain confirmation', () => {
    spec
      .given([received])
      .when({ type: 'ConfirmRecord', corrections: { location: undefined }, at })
      .then([confirmed]);
  });

  it('confirms once: a second plain confirmation changes nothing', () => {
    spec.given([received, confirmed]).when(confirm).thenNothingHappens();
  });

  it('takes corrections after a confirmation', () => {
    spec
      .given([received, confirmed, accepted])
      .when({ type: 'ConfirmRecord', corrections: { emotion: 'calm' }, at })
      .thenMatches(([event]) => expect(event?.type).toBe('RecordCorrected'));
  });

  it('refuses a corrected incident time after the complaint was received', () => {
    spec
      .given([received])
      .when({ type: 'ConfirmRecord', corrections: { occurredAt: '2026-11-23T11:00:00+08:00' }, at })
      .thenThrows(DomainRuleViolation, forbidden('complaint.occurred_in_future'));
  });
});

describe('accepting or rejecting (受理/不予受理)', () => {
  it('accepts a received complaint, with the note when there is one', () => {
    spec.given([received]).when(accept).then([accepted]);
    spec
      .given([received])
      .when({ type: 'AcceptComplaint', note: '涉及服务态度，转营业部。', at })
      .then([
        {
          type: 'ComplaintAccepted',
          data: { complaintId, note: '涉及服务态度，转营业部。', acceptedAt: at },
        },
      ]);
  });

  it('rejects with the reason and the explanation sent to the customer', () => {
    spec.given([received]).when(reject).then([rejected]);
    spec
      .given([received])
      .when({ ...reject, reason: 'duplicate', automatic: true })
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ reason: 'duplicate', automatic: true }));
  });

  it('does not reject for "withdrawn": the complainant withdraws instead', () => {
    spec
      .given([received])
      .when({ ...reject, reason: 'withdrawn' })
      .thenThrows(DomainRuleViolation, forbidden('complaint.rejection_reason_not_allowed'));
  });

  it('needs an explanation for the customer', () => {
    spec
      .given([received])
      .when({ ...reject, explanation: '  ' })
      .thenThrows(DomainRuleViolation, forbidden('complaint.explanation_required'));
  });
});

describe('withdrawing', () => {
  it('records the withdrawal with its reason', () => {
    spec.given([received]).when(withdraw).then([withdrawn]);
  });

  it('needs a reason', () => {
    spec
      .given([received])
      .when({ ...withdraw, reason: '' })
      .thenThrows(DomainRuleViolation, forbidden('complaint.reason_required'));
  });
});

describe('linking a merged duplicate', () => {
  const linked: IntakeEvent = {
    type: 'DuplicateLinked',
    data: {
      complaintId,
      duplicateComplaintId: '0193a5f0-0000-7000-8000-000000000002',
      duplicateReference: 'KS-20261123-000002',
      linkedAt: at,
    },
  };

  it.each(Object.keys(STATES))('links it whatever the complaint’s status (%s)', (state) => {
    spec.given(STATES[state]!).when(link).then([linked]);
  });

  it('links the same duplicate once', () => {
    spec.given([received, linked]).when(link).thenNothingHappens();
  });

  it('needs a registered complaint, and never links a complaint to itself', () => {
    spec.given([]).when(link).thenThrows(DomainRuleViolation, forbidden('complaint.not_registered'));
    spec
      .given([received])
      .when({ ...link, duplicateComplaintId: complaintId })
      .thenThrows(DomainRuleViolation, forbidden('complaint.duplicate_of_itself'));
  });
});
