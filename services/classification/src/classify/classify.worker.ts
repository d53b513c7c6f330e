import { Injectable, Inject, type OnModuleInit } from '@nestjs/common';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { BackgroundWorkers, MESSAGE_LOG, Metrics, watchConsumerLag } from '@kesu/platform';
import { type Consumer, type MessageLog } from '@kesu/ports';
import { IncidentDetection } from '../collective-incidents';
import { ComplaintClassifier } from './complaint-classifier.service';

/** The consumer group that classifies received complaints. */
export const CLASSIFY_GROUP = 'classification.classify';
const TOPICS = [topicForCategory('intake')];

/**
 * Classifies every complaint intake publishes as received (ComplaintReceived v1), then looks for the
 * collective incident it completes (on every delivery: both steps record at most once); classifies
 * it again when the complainant corrects its description or subject at read-back (RecordCorrected
 * v1), unless a person has reclassified it.
 */
@Injectable()
export class ClassifyWorker implements OnModuleInit {
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly classifier: ComplaintClassifier,
    private readonly collective: IncidentDetection,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    watchConsumerLag(this.metrics, this.log, CLASSIFY_GROUP, TOPICS);
    this.workers.register({
      name: CLASSIFY_GROUP,
      start: () => {
        this.consumer = this.log.consume({
          group: CLASSIFY_GROUP,
          topics: TOPICS,
          handler: async (message) => this.apply(message.value as RecordedEvent),
        });
      },
      stop: async () => {
        await this.consumer?.stop();
      },
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type === 'RecordCorrected' && event.schemaVersion === 1) {
      await this.classifier.corrected(event);
      return;
    }
    if (event.type !== 'ComplaintReceived' || event.schemaVersion !== 1) return;
    const { state } = await this.classifier.received(event);
    if (state.category !== undefined) await this.collective.classified(event, state.category);
  }
}
