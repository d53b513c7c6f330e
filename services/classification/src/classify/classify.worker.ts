import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventTypeRegistry, type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { CollectiveIncidents } from './collective-incidents.service';
import { ComplaintClassifier } from './complaint-classifier.service';

/** The consumer group that classifies received complaints. */
export const CLASSIFY_GROUP = 'classification.classify';
const TOPICS = [topicForCategory('intake')];

/** The intake events classification reads, as intake publishes them (until intake's contracts library). */
const INTAKE_EVENTS_READ = new EventTypeRegistry([
  { type: 'ComplaintReceived', schemaVersion: 1 },
  { type: 'RecordCorrected', schemaVersion: 1 },
]);

/**
 * Classifies every complaint intake publishes as received (ComplaintReceived v1), then looks for the
 * collective incident it completes (on every delivery: both steps record at most once); classifies
 * it again when the complainant corrects its description or subject at read-back (RecordCorrected
 * v1), unless a person has reclassified it.
 */
@Injectable()
export class ClassifyWorker implements OnModuleInit {
  constructor(
    private readonly classifier: ComplaintClassifier,
    private readonly collective: CollectiveIncidents,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: CLASSIFY_GROUP,
      topics: TOPICS,
      events: INTAKE_EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one intake event, decoded and upcast; other types change nothing. */
  async apply(event: RecordedEvent): Promise<void> {
    if (event.type === 'RecordCorrected') {
      await this.classifier.corrected(event);
      return;
    }
    if (event.type !== 'ComplaintReceived') return;
    const { state } = await this.classifier.received(event);
    if (state.category !== undefined) await this.collective.classified(event, state.category);
  }
}
