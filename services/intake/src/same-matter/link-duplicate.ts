import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ComplaintMergedAsDuplicateData, intakeStream } from '@kesu/intake-contracts';
import { intakeDecider } from '@kesu/intake-domain';
import { type Actor, DomainRuleViolation, type EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';

/**
 * Record on an open complaint that a later one was merged into it, in reaction to the merge
 * (ComplaintMergedAsDuplicate): `LinkDuplicate` → DuplicateLinked.
 */
export class LinkDuplicateCommand extends Command<void> {
  constructor(
    /** The recorded ComplaintMergedAsDuplicate of the later complaint. */
    readonly merged: RecordedEvent,
    readonly actor: Actor,
    /** The later complaint's reference, when the caller has it (read from its stream otherwise). */
    readonly duplicateReference?: string,
  ) {
    super();
  }
}

/**
 * Links the duplicate to the complaint it was merged into. Caused by the merge event itself, so
 * registration (right after its append) and the identity-index worker (for a crash in between)
 * may both ask: the second is answered from the stream and appends nothing. A complaint that is
 * gone or no longer takes links is logged and left alone.
 */
@CommandHandler(LinkDuplicateCommand)
export class LinkDuplicateHandler implements ICommandHandler<LinkDuplicateCommand> {
  private readonly logger = new Logger(LinkDuplicateHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ merged, actor, duplicateReference }: LinkDuplicateCommand): Promise<void> {
    const data = this.registry.upcast(merged).data as ComplaintMergedAsDuplicateData;
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
        // On the open complaint's stream: its branch and its correlation, caused by the merge.
        {
          ...reactionMetadata(merged, actor, this.clock),
          branchId: open.branchId,
          correlationId: data.duplicateOf,
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
