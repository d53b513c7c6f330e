import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ComplaintClosed, FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers } from '@kesu/platform';
import { LearnFromClosedComplaintCommand } from './learn-from-closed-complaint';

/** The consumer group that learns from closed complaints. */
export const LEARN_FROM_CLOSED_GROUP = 'classification.learn-from-closed';

/**
 * Keeps the final category of every complaint follow-up closes (ComplaintClosed) as a training
 * example: each closing a command on the bus (LearnFromClosedComplaintCommand).
 */
@Injectable()
export class ClosedComplaintsWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: LEARN_FROM_CLOSED_GROUP,
      topics: [FOLLOW_UP_TOPIC],
      events: new EventTypeRegistry(followUpEventTypes),
      handle: (event) => this.apply(event),
    });
  }

  /** Learns from one closing, decoded and upcast (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ComplaintClosed') return;
    await this.commands.execute(new LearnFromClosedComplaintCommand(event as Delivered<ComplaintClosed>));
  }
}
