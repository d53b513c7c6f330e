import { type ComplaintReceived, type IntakeEvent } from '@kesu/intake-contracts';
import { DomainRuleViolation } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { intakeDecider } from './intake-decider';
import { type RegisterComplaint, registrationOutcome } from './register-complaint';

const register: RegisterComplaint = {
  type: 'RegisterComplaint',
  complaintId: '0193a5f0-0000-7000-8000-000000000001',
  reference: 'KS-20261123-000001',
  receivedAt: '2026-11-23T02:00:00.000Z',
  channel: 'hotline',
  branchId: 'east-1',
  complainant: { subjectId: 'customer-C1001', sealed: 'pd1.x.y.z' },
  subject: { type: 'service', name: '营业厅' },
  description: '营业员态度恶劣，办理业务等了两个小时。',
  emotion: 'angry',
  language: 'zh',
};

const { type: _type, ...details } = register;
const received: ComplaintReceived = {
  type: 'ComplaintReceived',
  data: { ...details, complainantCount: 1, acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' } },
};
const at = register.receivedAt;
const complaintId = register.complaintId;
const earlier = { complaintId: '0193a5f0-0000-7000-8000-0000000000e1', reference: 'KS-20261120-000007' };

const spec = DeciderSpecification.for(intakeDecider);
const receivedData = (events: readonly IntakeEvent[]) => events[0]!.data as ComplaintReceived['data'];

describe('registering a complaint', () => {
  it('records it as received and promises an answer within 24 hours', () => {
    spec.given([]).when(register).then([received]);
  });

  it('uses the acknowledgement limit the policy gives', () => {
    spec
      .given([])
      .when({ ...register, acknowledgeWithinHours: 1, complainantCount: 20 })
      .thenMatches((events) => {
        expect(receivedData(events).acknowledgement.respondBy).toBe('2026-11-23T03:00:00.000Z');
        expect(receivedData(events).complainantCount).toBe(20);
      });
  });

  it('records the channel’s own details', () => {
    const channelDetails = {
      externalOrderNo: '12345-2026-0001',
      transferredAt: '2026-11-23T08:00:00+08:00',
      governmentDeadline: '2026-11-30T18:00:00+08:00',
    };
    spec
      .given([])
      .when({ ...register, channel: 'gov_hotline_12345', channelDetails })
      .thenMatches((events) => expect(receivedData(events).channelDetails).toEqual(channelDetails));
  });

  it('refuses to register the same complaint twice', () => {
    spec
      .given([received])
      .when(register)
      .thenThrows(DomainRuleViolation, (e) => e.code === 'complaint.already_registered');
  });

  it('compares instants, not their spelling', () => {
    spec
      .given([])
      .when({ ...register, occurredAt: '2026-11-23T09:00:00+08:00' })
      .thenMatches((events) => expect(receivedData(events).occurredAt).toBe('2026-11-23T09:00:00+08:00'));
  });

  it('refuses an incident dated after the complaint was received', () => {
    spec
      .given([])
      .when({ ...register, occurredAt: '2026-11-23T05:00:00.000Z' })
      .thenThrows(DomainRuleViolation, (e) => e.code === 'complaint.occurred_in_future');
  });
});

describe('resolving a complaint on the spot (当场处理)', () => {
  it('registers and resolves it in one decision', () => {
    spec
      .given([])
      .when({ ...register, resolvedOnTheSpot: { remedy: '当面致歉，并由值班经理优先办理。' } })
      .then([
        received,
        {
          type: 'ComplaintResolvedOnTheSpot',
          data: { complaintId, remedy: '当面致歉，并由值班经理优先办理。', resolvedAt: at },
        },
      ]);
  });

  it('records the resolution even when the matter was out of scope or is still open elsewhere', () => {
    spec
      .given([])
      .when({
        ...register,
        resolvedOnTheSpot: { remedy: '已解释' },
        description: '小区物业费涨价。',
        scope: { outOfScopeTerms: ['物业费'] },
        sameMatter: { ...earlier, open: true, similarity: 0.8 },
      })
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintResolvedOnTheSpot']),
      );
  });

  it('still flags a repeat of an ended complaint', () => {
    spec
      .given([])
      .when({
        ...register,
        resolvedOnTheSpot: { remedy: '已解释' },
        sameMatter: { ...earlier, open: false, similarity: 0.6 },
      })
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual([
          'ComplaintReceived',
          'RepeatComplaintFlagged',
          'ComplaintResolvedOnTheSpot',
        ]),
      );
  });
});

describe('the automatic checks', () => {
  it('rejects a complaint outside the scope list, explaining why in the customer’s language', () => {
    const description = '小区物业费今年涨了三成，没有任何公示。';
    spec
      .given([])
      .when({ ...register, description, scope: { outOfScopeTerms: ['物业费', '房产税'] } })
      .then([
        { ...received, data: { ...received.data, description } },
        {
          type: 'ComplaintRejected',
          data: {
            complaintId,
            reason: 'not_in_scope',
            explanation: expect.stringContaining('“物业费”') as unknown as string,
            automatic: true,
            rejectedAt: at,
          },
        },
      ]);
  });

  it('rejects out of scope before looking at duplicates', () => {
    spec
      .given([])
      .when({
        ...register,
        scope: { subjectTypes: ['product', 'staff'], outOfScopeTerms: [] },
        sameMatter: { ...earlier, open: true, similarity: 0.9 },
      })
      .thenMatches((events) => expect(events[1]?.type).toBe('ComplaintRejected'));
  });

  it('merges a duplicate of an open complaint into it', () => {
    spec
      .given([])
      .when({ ...register, sameMatter: { ...earlier, open: true, similarity: 0.72 } })
      .then([
        received,
        {
          type: 'ComplaintMergedAsDuplicate',
          data: {
            complaintId,
            duplicateOf: earlier.complaintId,
            duplicateOfReference: earlier.reference,
            similarity: 0.72,
            mergedAt: at,
          },
        },
      ]);
  });

  it('registers a repeat of an ended complaint as a new complaint, flagged', () => {
    spec
      .given([])
      .when({ ...register, sameMatter: { ...earlier, open: false, similarity: 0.51 } })
      .then([
        received,
        {
          type: 'RepeatComplaintFlagged',
          data: {
            complaintId,
            repeatOf: earlier.complaintId,
            repeatOfReference: earlier.reference,
            similarity: 0.51,
            flaggedAt: at,
          },
        },
      ]);
  });

  it('keeps the policy and the checks’ findings out of the recorded complaint', () => {
    spec
      .given([])
      .when({
        ...register,
        acknowledgeWithinHours: 2,
        scope: { subjectTypes: ['service'], outOfScopeTerms: ['房产税'] },
        sameMatter: { ...earlier, open: false, similarity: 0.5 },
      })
      .thenMatches((events) =>
        expect(Object.keys(receivedData(events)).sort()).toEqual(Object.keys(received.data).sort()),
      );
  });
});

describe('the tenant’s scope list, passed in with the command', () => {
  const propertyTax = {
    ...register,
    subject: { type: 'billing' as const },
    description: '电费单里为什么多收了房产税？',
  };
  const rejected = (events: readonly IntakeEvent[]) => events.find((e) => e.type === 'ComplaintRejected');

  it('rejects a complaint about 房产税 as not_in_scope for a tenant whose scope excludes it', () => {
    spec
      .given([])
      .when({ ...propertyTax, scope: { outOfScopeTerms: ['物业费', '房产税', 'property tax'] } })
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintRejected']);
        expect(rejected(events)?.data).toMatchObject({
          reason: 'not_in_scope',
          automatic: true,
          explanation: expect.stringContaining('“房产税”不在我们的受理范围内'),
        });
      });
  });

  it('receives the same complaint for a tenant whose scope does not exclude it', () => {
    spec
      .given([])
      .when({ ...propertyTax, scope: { outOfScopeTerms: ['物业费'] } })
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ComplaintReceived']));
    spec
      .given([])
      .when({ ...propertyTax, scope: { outOfScopeTerms: [] } })
      .thenMatches((events) => expect(rejected(events)).toBeUndefined());
  });

  it('receives every complaint when no scope list is given', () => {
    spec
      .given([])
      .when(propertyTax)
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ComplaintReceived']));
  });

  it('rejects a subject type the tenant does not handle, naming it', () => {
    spec
      .given([])
      .when({ ...propertyTax, scope: { subjectTypes: ['service', 'staff'], outOfScopeTerms: [] } })
      .thenMatches((events) =>
        expect(rejected(events)?.data).toMatchObject({
          reason: 'not_in_scope',
          explanation: expect.stringContaining('收费类事项'),
        }),
      );
  });
});

describe('the outcome of a registration', () => {
  const decide = (command: RegisterComplaint) => intakeDecider.decide(command, intakeDecider.initialState());

  it('reads each outcome from the recorded events', () => {
    expect(registrationOutcome(decide(register))).toEqual({ status: 'received' });
    expect(registrationOutcome(decide({ ...register, resolvedOnTheSpot: { remedy: '退款' } }))).toEqual({
      status: 'resolved_on_the_spot',
      remedy: '退款',
    });
    const taxed = {
      ...register,
      description: '房产税为什么算在电费里？',
      scope: { outOfScopeTerms: ['房产税'] },
    };
    expect(registrationOutcome(decide(taxed))).toMatchObject({
      status: 'rejected',
      explanation: expect.stringContaining('房产税'),
    });
    expect(
      registrationOutcome(decide({ ...register, sameMatter: { ...earlier, open: true, similarity: 0.9 } })),
    ).toEqual({ status: 'merged', duplicateOf: earlier });
    expect(
      registrationOutcome(decide({ ...register, sameMatter: { ...earlier, open: false, similarity: 0.9 } })),
    ).toEqual({ status: 'received', repeatOf: earlier });
  });
});
