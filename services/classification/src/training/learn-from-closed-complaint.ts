import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplaintClosed } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { classifiedText } from '../classify/intake-record';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TrainingExamples } from './training-examples';

/** Learn a closed complaint's final category (follow-up's ComplaintClosed v1): the reaction to it. */
export class LearnFromClosedComplaintCommand extends Command<boolean> {
  constructor(readonly closed: RecordedEvent<ComplaintClosed>) {
    super();
  }
}

/**
 * Keeps the final category of a complaint follow-up closed as a human-confirmed training example of
 * the complaint's text as classified: the description (and subject name) as received, with the
 * read-back corrections applied. A category the tenant's taxonomy does not have is skipped, as is a
 * complaint without an intake record of the tenant. Redelivered closings change nothing (see
 * TrainingExamples). Answers whether the example was kept.
 */
@CommandHandler(LearnFromClosedComplaintCommand)
export class LearnFromClosedComplaintHandler implements ICommandHandler<LearnFromClosedComplaintCommand> {
  private readonly logger = new Logger(LearnFromClosedComplaintHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
  ) {}

  async execute({ closed }: LearnFromClosedComplaintCommand): Promise<boolean> {
    const { tenantId } = closed;
    const { complaintId, finalCategory, closedAt } = closed.data;
    const taxonomy = await this.settings.taxonomy(tenantId);
    if (!taxonomy.categories.some((c) => c.code === finalCategory)) {
      this.logger.warn(
        `complaint ${complaintId} closed as ${finalCategory}, not in the taxonomy of ${tenantId} (version ${taxonomy.version}): not learned`,
      );
      return false;
    }
    const intake = await this.store.readStream(intakeStream(complaintId));
    const received = intake.find((e) => e.type === 'ComplaintReceived');
    if (!received || received.tenantId !== tenantId) {
      this.logger.warn(`complaint ${complaintId} closed, but its intake record is missing: not learned`);
      return false;
    }
    const kept = await this.examples.closed(
      tenantId,
      complaintId,
      classifiedText(intake),
      finalCategory,
      new Date(closedAt).toISOString(),
      this.clock.now().toISOString(),
    );
    if (!kept) this.logger.debug(`complaint ${complaintId}: its example is newer than this closing, kept`);
    return kept;
  }
}
