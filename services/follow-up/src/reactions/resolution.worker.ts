import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ASSIGNMENT_TOPIC, caseEventTypes, type ComplaintResolved } from '@kesu/assignment-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers } from '@kesu/platform';
import { HandleResolutionCommand } from './handle-resolution';

/** The consumer group that follows up resolved complaints. */
export const RESOLUTION_GROUP = 'follow-up.resolution';

const EVENTS_READ = new EventTypeRegistry(caseEventTypes.filter((e) => e.type === 'ComplaintResolved'));

/** Follows up every complaint case work resolves (`ComplaintResolved`), a command on the bus each. */
@Injectable()
export class ResolutionWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: RESOLUTION_GROUP,
      topics: [ASSIGNMENT_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ComplaintResolved') return;
    await this.commands.execute(new HandleResolutionCommand(event as Delivered<ComplaintResolved>));
  }
}
