import { DomainRuleViolation } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import type { ComplaintReceived } from './complaint';
import { intakeDecider, type RegisterComplaint } from './register-complaint';

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

const spec = DeciderSpecification.for(intakeDecider);

describe('registering a complaint', () => {
  it('records it as received and promises an answer within 24 hours', () => {
    spec.given([]).when(register).then([received]);
  });

  it('uses the acknowledgement limit the policy gives', () => {
    spec
      .given([])
      .when({ ...register, acknowledgeWithinHours: 1, complainantCount: 20 })
      .thenMatches(([event]) => {
        expect(event?.data.acknowledgement.respondBy).toBe('2026-11-23T03:00:00.000Z');
        expect(event?.data.complainantCount).toBe(20);
      });
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
      .thenMatches(([event]) => expect(event?.data.occurredAt).toBe('2026-11-23T09:00:00+08:00'));
  });

  it('refuses an incident dated after the complaint was received', () => {
    spec
      .given([])
      .when({ ...register, occurredAt: '2026-11-23T05:00:00.000Z' })
      .thenThrows(DomainRuleViolation, (e) => e.code === 'complaint.occurred_in_future');
  });
});
