import { type IntakeEvent, type RejectionReason } from '@kesu/intake-contracts';
import { DomainRuleViolation, fold } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import type { ComplaintAction } from './complaint-actions';
import { intakeDecider } from './intake-decider';

const complaintId = '0193a5f0-0000-7000-8000-000000000001';
const at = '2026-11-23T03:00:00.000Z';
const handler = 'user-handler1';
const supervisor = 'user-supervisor1';

const received: IntakeEvent = {
  type: 'ComplaintReceived',
  data: {
    complaintId,
    reference: 'KS-20261123-000001',
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { subjectId: 'customer-C1001', sealed: 'pd1.x.y.z' },
    subject: { type: 'service', name: '营业厅' },
    description: '营业员态度恶劣，办理业务等了两个小时。',
    complainantCount: 1,
    language: 'zh',
    receivedAt: '2026-11-23T02:00:00.000Z',
    acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' },
  },
};
const confirmed: IntakeEvent = { type: 'RecordConfirmed', data: { complaintId, confirmedAt: at } };
const accepted: IntakeEvent = { type: 'ComplaintAccepted', data: { complaintId, acceptedAt: at } };
const rejectedFor = (reason: RejectionReason): IntakeEvent => ({
  type: 'ComplaintRejected',
  data: {
    complaintId,
    reason,
    explanation: '不属于本公司业务范围。',
    automatic: false,
    rejectedBy: handler,
    rejectedAt: at,
  },
});
const rejected = rejectedFor('not_in_scope');
const automaticRejection: IntakeEvent = {
  type: 'ComplaintRejected',
  data: {
    complaintId,
    reason: 'not_in_scope',
    explanation: '不属于本公司业务范围。',
    automatic: true,
    rejectedAt: at,
  },
};
const appealed: IntakeEvent = {
  type: 'RejectionAppealed',
  data: { complaintId, grounds: '营业厅属于贵公司。', appealedAt: at },
};
const decided = (outcome: 'upheld' | 'overturned'): IntakeEvent => ({
  type: 'AppealDecided',
  data: { complaintId, outcome, explanation: '经复核……', decidedBy: supervisor, decidedAt: at },
});
const withdrawn: IntakeEvent = {
  type: 'ComplaintWithdrawn',
  data: { complaintId, reason: '客户已自行解决。', withdrawnAt: at },
};
const merged: IntakeEvent = {
  type: 'ComplaintMergedAsDuplicate',
  data: {
    complaintId,
    duplicateOf: '0193a5f0-0000-7000-8000-000000000000',
    duplicateOfReference: 'KS-20261122-000009',
    similarity: 0.9,
    mergedAt: at,
  },
};
const resolvedOnTheSpot: IntakeEvent = {
  type: 'ComplaintResolvedOnTheSpot',
  data: { complaintId, remedy: '当场道歉并办理。', resolvedAt: at },
};

/** Each state a complaint can be in, as the history that leads there. */
const STATES: Record<string, IntakeEvent[]> = {
  received: [received],
  accepted: [received, accepted],
  rejected: [received, rejected],
  appealed: [received, rejected, appealed],
  'rejected for good': [received, rejected, appealed, decided('upheld')],
  'accepted on appeal': [received, rejected, appealed, decided('overturned')],
  withdrawn: [received, withdrawn],
  merged: [received, merged],
  resolved_on_the_spot: [received, resolvedOnTheSpot],
};

const confirm: ComplaintAction = { type: 'ConfirmRecord', at };
const accept: ComplaintAction = { type: 'AcceptComplaint', at };
const reject: ComplaintAction = {
  type: 'RejectComplaint',
  reason: 'not_in_scope',
  explanation: '不属于本公司业务范围。',
  rejectedBy: handler,
  at,
};
const appeal: ComplaintAction = { type: 'AppealRejection', grounds: '营业厅属于贵公司。', at };
const decide: ComplaintAction = {
  type: 'DecideAppeal',
  outcome: 'overturned',
  explanation: '予以受理。',
  decidedBy: supervisor,
  at,
};
const withdraw: ComplaintAction = { type: 'WithdrawComplaint', reason: '客户已自行解决。', at };
const link: ComplaintAction = {
  type: 'LinkDuplicate',
  duplicateComplaintId: '0193a5f0-0000-7000-8000-000000000002',
  duplicateReference: 'KS-20261123-000002',
  at,
};

const spec = DeciderSpecification.for(intakeDecider);
const forbidden = (code: string) => (e: DomainRuleViolation) => e.code === code;

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
