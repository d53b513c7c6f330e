import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplaintClassificationState } from '@kesu/classification-domain';
import type { ComplaintReceived } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { CommandResult, EventStore } from '@kesu/ports';
import { ComplaintClassifier } from './complaint-classifier.service';
import { classificationInputOf } from './intake-record';

/** Classify the complaint intake received (ComplaintReceived v1): the reaction to it. */
export class ClassifyComplaintCommand extends Command<CommandResult<ComplaintClassificationState>> {
  constructor(readonly received: RecordedEvent<ComplaintReceived>) {
    super();
  }
}

/**
 * Classifies a received complaint with the tenant's settings and model, and records the decision
 * (ComplaintClassified) caused by intake's event: once, however often the event is delivered; never
 * over a decision already made (a person's correction may come first).
 */
@CommandHandler(ClassifyComplaintCommand)
export class ClassifyComplaintHandler implements ICommandHandler<ClassifyComplaintCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly classifier: ComplaintClassifier,
  ) {}

  async execute({
    received,
  }: ClassifyComplaintCommand): Promise<CommandResult<ComplaintClassificationState>> {
    const complaint = received.data;
    const intake = await this.store.readStream(received.streamId);
    const input = classificationInputOf(received.tenantId, complaint, intake);
    const { outcome, decision } = await this.classifier.classify(input);
    return this.classifier.record(received, (at) => ({
      type: 'ClassifyComplaint',
      complaintId: complaint.complaintId,
      outcome,
      decision,
      at,
    }));
  }
}
