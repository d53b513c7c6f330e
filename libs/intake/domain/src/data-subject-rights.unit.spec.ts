import type { DataSubjectErased, DataSubjectErasureRequested } from '@kesu/intake-contracts';
import { DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import {
  accessDecider,
  erasureDecider,
  type RecordErasure,
  type RequestErasure,
} from './data-subject-rights';

const at = '2026-11-23T02:00:00.000Z';
const request: RequestErasure = {
  type: 'RequestErasure',
  requestId: 'r-1',
  basis: 'request',
  reason: '客户依《个人信息保护法》第四十七条要求删除',
  requestedBy: 'user-admin',
  identifiedBy: ['phone', 'complaintIds'],
  complaintIds: ['c-1', 'c-2'],
  at,
};
const requested: DataSubjectErasureRequested = {
  type: 'DataSubjectErasureRequested',
  data: {
    requestId: 'r-1',
    basis: 'request',
    reason: request.reason,
    requestedBy: 'user-admin',
    identifiedBy: ['phone', 'complaintIds'],
    complaintIds: ['c-1', 'c-2'],
    requestedAt: at,
  },
};
const record: RecordErasure = { type: 'RecordErasure', dataKeys: 2, identityIndexEntriesRemoved: 3, at };
const erased: DataSubjectErased = {
  type: 'DataSubjectErased',
  data: {
    requestId: 'r-1',
    complaintIds: ['c-1', 'c-2'],
    dataKeys: 2,
    identityIndexEntriesRemoved: 3,
    erasedAt: at,
  },
};

const erasure = DeciderSpecification.for(erasureDecider);

describe('an erasure request', () => {
  it('is recorded with who, why, when and the complaints, never the identifiers', () => {
    erasure.given([]).when(request).then([requested]);
  });

  it('is recorded once: the same request again records nothing', () => {
    erasure.given([requested]).when(request).thenNothingHappens();
    erasure.given([requested, erased]).when(request).thenNothingHappens();
  });

  it('needs a reason', () => {
    for (const reason of ['  ', 'x'.repeat(501)]) {
      erasure
        .given([])
        .when({ ...request, reason })
        .thenThrows(InvalidInputError, (e) => e.errors[0]!.field === 'reason');
    }
  });

  it('is completed once, with the complaints it named and what was removed', () => {
    erasure.given([requested]).when(record).then([erased]);
    erasure.given([requested, erased]).when(record).thenNothingHappens();
  });

  it('cannot be completed before it was requested', () => {
    erasure
      .given([])
      .when(record)
      .thenThrows(DomainRuleViolation, (e) => e.code === 'erasure.not_requested');
  });
});

describe('an access export', () => {
  const exportOf = {
    type: 'RecordAccessExport' as const,
    requestId: 'a-1',
    requestedBy: 'user-admin',
    identifiedBy: ['email' as const],
    complaintIds: ['c-1'],
    at,
  };
  const exported = {
    type: 'DataSubjectAccessExported' as const,
    data: {
      requestId: 'a-1',
      requestedBy: 'user-admin',
      identifiedBy: ['email' as const],
      complaintIds: ['c-1'],
      exportedAt: at,
    },
  };

  it('is recorded once', () => {
    const access = DeciderSpecification.for(accessDecider);
    access.given([]).when(exportOf).then([exported]);
    access.given([exported]).when(exportOf).thenNothingHappens();
  });
});
