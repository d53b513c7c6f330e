import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type ChainVerification, verifyChains } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { ComplaintEvents } from './complaint-events';

/** Whether the hash chains of a complaint's history hold; 404 outside the caller's scope. */
export class VerifyComplaintHistoryQuery extends Query<ChainVerification> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(VerifyComplaintHistoryQuery)
export class VerifyComplaintHistoryHandler implements IQueryHandler<VerifyComplaintHistoryQuery> {
  constructor(private readonly events: ComplaintEvents) {}

  async execute({ principal, complaintId }: VerifyComplaintHistoryQuery): Promise<ChainVerification> {
    return verifyChains(await this.events.of(principal, complaintId));
  }
}
