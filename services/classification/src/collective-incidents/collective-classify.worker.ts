import {
  type CollectiveIncidentDetectedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintRemovedFromCollectiveIncidentData,
} from '@kesu/classification-contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type EventTypeRegistry, type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { CLASSIFICATION_EVENTS } from '../classification-events';
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
  constructor(
    @Inject(CLASSIFICATION_EVENTS) private readonly events: EventTypeRegistry,
    private readonly classifier: ComplaintClassifier,
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: COLLECTIVE_CLASSIFY_GROUP,
      topics: TOPICS,
      events: this.events,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one of classification's own events, decoded and upcast; other types change nothing. */
  async apply(event: RecordedEvent): Promise<void> {
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
