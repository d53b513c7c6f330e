import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { ComplaintScope } from '../complaint-scope';

/** Reads the complete history of one complaint: every event of every service, as stored. */
@Injectable()
export class ComplaintEvents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: ComplaintScope,
  ) {}

  /**
   * The complaint's events (its correlation id) in global order, never upcast; NotFoundError (404)
   * unless its first event lies in the caller's tenant and branch scope.
   */
  async of(principal: Principal, complaintId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readByCorrelationId(complaintId);
    this.scope.found(principal, complaintId, events[0]);
    return events;
  }
}
