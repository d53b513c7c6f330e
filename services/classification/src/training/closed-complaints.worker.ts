import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ComplaintClosed } from '@kesu/follow-up-contracts';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { BackgroundWorkers, MESSAGE_LOG, Metrics, watchConsumerLag } from '@kesu/platform';
import type { Consumer, MessageLog } from '@kesu/ports';
import { LearnFromClosedComplaintCommand } from './learn-from-closed-complaint';

/** The consumer group that learns from closed complaints. */
export const LEARN_FROM_CLOSED_GROUP = 'classification.learn-from-closed';
const TOPICS = [topicForCategory('followup')];

/**
 * Keeps the final category of every complaint follow-up closes (ComplaintClosed v1) as a training
 * example: each closing a command on the bus (LearnFromClosedComplaintCommand).
 */
@Injectable()
export class ClosedComplaintsWorker implements OnModuleInit {
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly commands: CommandBus,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    watchConsumerLag(this.metrics, this.log, LEARN_FROM_CLOSED_GROUP, TOPICS);
    this.workers.register({
      name: LEARN_FROM_CLOSED_GROUP,
      start: () => {
        this.consumer = this.log.consume({
          group: LEARN_FROM_CLOSED_GROUP,
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
    if (event.type !== 'ComplaintClosed' || event.schemaVersion !== 1) return;
    await this.commands.execute(new LearnFromClosedComplaintCommand(event as RecordedEvent<ComplaintClosed>));
  }
}
