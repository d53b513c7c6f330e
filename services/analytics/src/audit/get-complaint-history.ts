import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type RecordedEvent, sealedFieldsOf } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { ComplaintEvents } from './complaint-events';

/**
 * One event of a complaint's history as stored, with every envelope field its hash covers, so a
 * client can re-check the chain itself (never upcast: the hashes cover the stored form).
 */
function toHistoryEvent(event: RecordedEvent) {
  return { globalPosition: event.globalPosition, ...sealedFieldsOf(event) };
}

/** `GET /api/v1/complaints/{id}/history` body. */
export interface ComplaintHistory {
  readonly complaintId: string;
  readonly events: ReadonlyArray<ReturnType<typeof toHistoryEvent>>;
}

/** The complete, tamper-evident history of one complaint; 404 outside the caller's scope. */
export class GetComplaintHistoryQuery extends Query<ComplaintHistory> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery> {
  constructor(private readonly events: ComplaintEvents) {}

  async execute({ principal, complaintId }: GetComplaintHistoryQuery): Promise<ComplaintHistory> {
    const events = await this.events.of(principal, complaintId);
    return { complaintId, events: events.map(toHistoryEvent) };
  }
}
