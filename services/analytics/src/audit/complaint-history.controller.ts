import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { type ChainVerification, type RecordedEvent, sealedFieldsOf, verifyChains } from '@kesu/kernel';
import { CurrentPrincipal, EVENT_STORE, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { ComplaintReader } from '../complaint-view/complaint-reader.service';

/**
 * One event of a complaint's history as stored, with every envelope field its hash covers, so a
 * client can re-check the chain itself (never upcast: the hashes cover the stored form).
 */
function toHistoryEvent(event: RecordedEvent) {
  return { globalPosition: event.globalPosition, ...sealedFieldsOf(event) };
}

/** The complete, tamper-evident history of one complaint: every event of every service. */
@Controller('api/v1/complaints/:id/history')
export class ComplaintHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: ComplaintReader,
  ) {}

  @Get()
  async history(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const events = await this.load(principal, id);
    return { complaintId: id, events: events.map(toHistoryEvent) };
  }

  @Get('verify')
  async verify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChainVerification> {
    return verifyChains(await this.load(principal, id));
  }

  private async load(principal: Principal, complaintId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readByCorrelationId(complaintId);
    const first = events[0];
    if (!first || !this.reader.visibleTo(principal, first))
      throw new NotFoundException(`complaint ${complaintId} not found`);
    return events;
  }
}
