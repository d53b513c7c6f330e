import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventTypeRegistry, type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, EventConsumers } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { classifiedText, intakeStreamOf } from '../classify/complaint-classifier.service';
import { TenantSettings } from '../settings/tenant-settings.service';
import type { ComplaintClosedData } from '@kesu/follow-up-contracts';
import { TrainingExamples } from './training-examples';

/** The consumer group that learns from closed complaints. */
export const LEARN_FROM_CLOSED_GROUP = 'classification.learn-from-closed';
const TOPICS = [topicForCategory('followup')];

/** The follow-up event classification reads, as follow-up publishes it (until its contracts library). */
const FOLLOW_UP_EVENTS_READ = new EventTypeRegistry([{ type: 'ComplaintClosed', schemaVersion: 1 }]);

/**
 * Keeps the final category of every complaint follow-up closes (ComplaintClosed v1) as a
 * human-confirmed training example of the complaint's text as classified: the description (and
 * subject name) as received, with the read-back corrections applied. A category the tenant's
 * taxonomy does not have is skipped. Redelivered closings change nothing (see TrainingExamples).
 */
@Injectable()
export class ClosedComplaintsWorker implements OnModuleInit {
  private readonly logger = new Logger(ClosedComplaintsWorker.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: LEARN_FROM_CLOSED_GROUP,
      topics: TOPICS,
      events: FOLLOW_UP_EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Learns from one closing, decoded and upcast; other types change nothing. */
  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ComplaintClosed') return;
    const { complaintId, finalCategory, closedAt } = event.data as ComplaintClosedData;
    const taxonomy = await this.settings.taxonomy(event.tenantId);
    if (!taxonomy.categories.some((c) => c.code === finalCategory)) {
      this.logger.warn(
        `complaint ${complaintId} closed as ${finalCategory}, not in the taxonomy of ${event.tenantId} (version ${taxonomy.version}): not learned`,
      );
      return;
    }
    const intake = await this.store.readStream(intakeStreamOf(complaintId));
    const received = intake.find((e) => e.type === 'ComplaintReceived');
    if (!received || received.tenantId !== event.tenantId) {
      this.logger.warn(`complaint ${complaintId} closed, but its intake record is missing: not learned`);
      return;
    }
    const kept = await this.examples.closed(
      event.tenantId,
      complaintId,
      classifiedText(intake),
      finalCategory,
      new Date(closedAt).toISOString(),
      this.clock.now().toISOString(),
    );
    if (!kept) this.logger.debug(`complaint ${complaintId}: its example is newer than this closing, kept`);
  }
}
