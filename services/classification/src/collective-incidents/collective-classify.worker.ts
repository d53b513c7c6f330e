import {
  type CollectiveIncidentDetectedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
} from '@kesu/classification-contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { BackgroundWorkers, MESSAGE_LOG, Metrics, watchConsumerLag } from '@kesu/platform';
import { type Consumer, type MessageLog } from '@kesu/ports';
import { ComplaintClassifier } from '../classify/complaint-classifier.service';
import { MoveMergedMembersCommand } from './move-merged-members';

/** The consumer group that classifies the members of collective incidents again. */
export const COLLECTIVE_CLASSIFY_GROUP = 'classification.collective-classify';
const TOPICS = [topicForCategory('classification')];

/**
 * Raises what the members of a collective incident are (群体投诉 is escalated): for each complaint
 * an incident is detected with (CollectiveIncidentDetected v1) or that joins it later
 * (ComplaintJoinedCollectiveIncident v1), the classifier decides again with the incident's
 * complainants (`ComplaintClassifier.collective`). Once per incident event and complaint; a person's
 * reclassification stands. A merged incident's complaints (CollectiveIncidentMerged v1) join the
 * incident it was merged into (`MoveMergedMembersCommand`), and each join classifies its complaint
 * again in turn; a complaint a person took out of an incident (ComplaintRemovedFromCollectiveIncident
 * v1) is classified again with its own complainants.
 */
@Injectable()
export class CollectiveClassifyWorker implements OnModuleInit {
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly classifier: ComplaintClassifier,
    private readonly commands: CommandBus,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    watchConsumerLag(this.metrics, this.log, COLLECTIVE_CLASSIFY_GROUP, TOPICS);
    this.workers.register({
      name: COLLECTIVE_CLASSIFY_GROUP,
      start: () => {
        this.consumer = this.log.consume({
          group: COLLECTIVE_CLASSIFY_GROUP,
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
    if (event.schemaVersion !== 1) return;
    if (event.type === 'CollectiveIncidentDetected') {
      const { complaintIds, complainantCount } = event.data as CollectiveIncidentDetectedData;
      for (const complaintId of complaintIds)
        await this.classifier.collective(event, complaintId, complainantCount);
    } else if (event.type === 'ComplaintJoinedCollectiveIncident') {
      const { complaintId, complainantCount } = event.data as ComplaintJoinedCollectiveIncidentData;
      await this.classifier.collective(event, complaintId, complainantCount);
    } else if (event.type === 'CollectiveIncidentMerged') {
      await this.commands.execute(new MoveMergedMembersCommand(event));
    } else if (event.type === 'ComplaintRemovedFromCollectiveIncident') {
      // its own complainants again, without the incident's
      const { complaintId } = event.data as ComplaintRemovedFromCollectiveIncidentData;
      await this.classifier.collective(event, complaintId, 0);
    }
  }
}
