import {
  type DataSubjectErasedData,
  type DataSubjectErasureRequestedData,
  intakeErasureStream,
} from '@kesu/intake-contracts';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type EventTypeRegistry, NotFoundError, type RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { DataSubjects } from './data-subjects';

/** An erasure request as its stream records it (`GET /api/v1/privacy/erasure-requests/{id}`). */
export interface ErasureRequestStatus {
  readonly requestId: string;
  /** `erased` once the data keys are destroyed; `requested` while intake still completes it. */
  readonly status: 'requested' | 'erased';
  readonly basis: DataSubjectErasureRequestedData['basis'];
  readonly complaints: readonly { readonly complaintId: string; readonly reference: string }[];
  readonly dataKeys: number | null;
  readonly identityIndexEntriesRemoved: number | null;
  readonly requestedAt: string;
  readonly erasedAt: string | null;
}

/** Where an erasure request of the caller's tenant stands; 404 for another tenant's or none. */
export class GetErasureRequestQuery extends Query<ErasureRequestStatus> {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
  ) {
    super();
  }
}

@QueryHandler(GetErasureRequestQuery)
export class GetErasureRequestHandler implements IQueryHandler<GetErasureRequestQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly subjects: DataSubjects,
  ) {}

  async execute({ principal, requestId }: GetErasureRequestQuery): Promise<ErasureRequestStatus> {
    const stored = await this.store.readStream(intakeErasureStream(requestId));
    if (stored[0]?.tenantId !== principal.tenantId) {
      throw new NotFoundError('erasure.not_found', `erasure request ${requestId} not found`);
    }
    return erasureStatusOf(
      stored.map((event) => this.registry.upcast(event)),
      this.subjects,
      principal.tenantId,
    );
  }
}

/** The status of the erasure request whose stream's events these are (upcast). */
export async function erasureStatusOf(
  stored: readonly RecordedEvent[],
  subjects: DataSubjects,
  tenantId: string,
): Promise<ErasureRequestStatus> {
  const request = stored.find((e) => e.type === 'DataSubjectErasureRequested')!
    .data as DataSubjectErasureRequestedData;
  const done = stored.find((e) => e.type === 'DataSubjectErased')?.data as DataSubjectErasedData | undefined;
  const complaints = [];
  for (const complaintId of request.complaintIds) {
    const complaint = await subjects.complaint(tenantId, complaintId);
    complaints.push({ complaintId, reference: complaint?.reference ?? '' });
  }
  return {
    requestId: request.requestId,
    status: done ? 'erased' : 'requested',
    basis: request.basis,
    complaints,
    dataKeys: done?.dataKeys ?? null,
    identityIndexEntriesRemoved: done?.identityIndexEntriesRemoved ?? null,
    requestedAt: request.requestedAt,
    erasedAt: done?.erasedAt ?? null,
  };
}
