import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplaintClassificationState } from '@kesu/classification-domain';
import type { RecordCorrected } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { CommandResult, EventStore } from '@kesu/ports';
import { ComplaintClassifier } from './complaint-classifier.service';
import { classificationInputOf, correctedComplaint, correctsWhatIsClassified } from './intake-record';

/** Classify a complaint again after a read-back correction (RecordCorrected v1): the reaction to it. */
export class ClassifyCorrectedComplaintCommand extends Command<
  CommandResult<ComplaintClassificationState> | undefined
> {
  constructor(readonly corrected: RecordedEvent<RecordCorrected>) {
    super();
  }
}

/**
 * Classifies a complaint again after the complainant corrected, at read-back, a field the
 * classification reads (description, subject, expected remedy, emotion, complainant count), from the
 * record as corrected up to that event, and records another ComplaintClassified caused by it: once
 * per correction, and never over a person's reclassification. A correction of other fields only
 * (location, contact) is no reason to: undefined then, as for a complaint with no intake record.
 */
@CommandHandler(ClassifyCorrectedComplaintCommand)
export class ClassifyCorrectedComplaintHandler implements ICommandHandler<ClassifyCorrectedComplaintCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly classifier: ComplaintClassifier,
  ) {}

  async execute({
    corrected,
  }: ClassifyCorrectedComplaintCommand): Promise<CommandResult<ComplaintClassificationState> | undefined> {
    if (!correctsWhatIsClassified(corrected.data)) return undefined;
    const intake = (await this.store.readStream(corrected.streamId)).filter(
      (e) => e.revision <= corrected.revision,
    );
    if (!intake.some((e) => e.type === 'ComplaintReceived')) return undefined;
    const input = classificationInputOf(corrected.tenantId, correctedComplaint(intake), intake);
    const { outcome, decision } = await this.classifier.classify(input);
    return this.classifier.record(corrected, (at) => ({
      type: 'ClassifyCorrectedComplaint',
      complaintId: corrected.data.complaintId,
      outcome,
      decision,
      at,
    }));
  }
}
