import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ASSIGNMENT_TOPIC } from '@kesu/assignment-contracts';
import { CLASSIFICATION_TOPIC } from '@kesu/classification-contracts';
import { FOLLOW_UP_TOPIC } from '@kesu/follow-up-contracts';
import { INTAKE_TOPIC } from '@kesu/intake-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { slaReadEventTypes } from '../sla-events';
import { CLOCK_DRIVING_TYPES } from './clock-reactions';
import { ReactToEventCommand } from './react-to-event';

/** The consumer group that drives the complaints' clocks. */
export const SLA_CLOCKS_GROUP = 'sla.clocks';

const READS = ['ComplaintReceived', ...CLOCK_DRIVING_TYPES];

/** The events the clocks read, as intake's, classification's, case work's and follow-up's contracts publish them. */
const EVENTS_READ = new EventTypeRegistry(slaReadEventTypes.filter((e) => READS.includes(e.type)));

/** Drives each complaint's clocks from the other services' events: each a command on the bus. */
@Injectable()
export class SlaClocksWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: SLA_CLOCKS_GROUP,
      topics: [INTAKE_TOPIC, CLASSIFICATION_TOPIC, ASSIGNMENT_TOPIC, FOLLOW_UP_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one decoded, upcast event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (!READS.includes(event.type)) return;
    await this.commands.execute(new ReactToEventCommand(event));
  }
}
