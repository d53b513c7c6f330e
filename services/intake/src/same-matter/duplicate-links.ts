import { type ComplaintMergedAsDuplicateData, intakeStream } from '@kesu/intake-contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { intakeDecider } from '@kesu/intake-domain';
import { type Actor, DomainRuleViolation, type EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import { type EventStore, handleCommand } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';

/**
 * Records on an open complaint that a later one was merged into it (`LinkDuplicate` →
 * DuplicateLinked). Caused by the merge event itself, so registration (right after its append) and
 * the identity-index worker (for a crash in between) may both ask: the second is answered from the
 * stream and appends nothing.
 */
@Injectable()
export class DuplicateLinks {
  private readonly logger = new Logger(DuplicateLinks.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  /** Links the duplicate recorded by `merged` to the complaint it was merged into. */
  async link(
    merged: Pick<RecordedEvent, 'eventId' | 'tenantId' | 'streamId'>,
    data: ComplaintMergedAsDuplicateData,
    actor: Actor,
    duplicateReference?: string,
  ): Promise<void> {
    const streamId = intakeStream(data.duplicateOf);
    const [open] = await this.store.readStream(streamId, { maxCount: 1 });
    const reference = duplicateReference ?? (await this.referenceOf(merged.streamId));
    if (!open || open.tenantId !== merged.tenantId || !reference) {
      this.logger.warn(`cannot link duplicate ${data.complaintId}: complaint ${data.duplicateOf} not found`);
      return;
    }
    try {
      await handleCommand(
        this.store,
        this.registry,
        intakeDecider,
        streamId,
        {
          type: 'LinkDuplicate',
          duplicateComplaintId: data.complaintId,
          duplicateReference: reference,
          at: data.mergedAt,
        },
        {
          occurredAt: data.mergedAt,
          tenantId: merged.tenantId,
          branchId: open.branchId,
          correlationId: data.duplicateOf,
          causationId: merged.eventId,
          actor,
        },
        { maxAttempts: 5 },
      );
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      this.logger.warn(`cannot link duplicate ${data.complaintId} to ${data.duplicateOf}: ${error.message}`);
    }
  }

  private async referenceOf(streamId: string): Promise<string | undefined> {
    const [received] = await this.store.readStream(streamId, { maxCount: 1 });
    return received && (this.registry.upcast(received).data as { reference?: string }).reference;
  }
}
