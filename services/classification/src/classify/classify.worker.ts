import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  type ComplaintReceived,
  intakeEventTypes,
  INTAKE_TOPIC,
  type RecordCorrected,
} from '@kesu/intake-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers } from '@kesu/platform';
import { ClassifyComplaintCommand } from './classify-complaint';
import { ClassifyCorrectedComplaintCommand } from './classify-corrected-complaint';
import { IncidentDetection } from '../collective-incidents';

/** The consumer group that classifies received complaints. */
export const CLASSIFY_GROUP = 'classification.classify';

/** The intake events classification reads, as intake's contracts publish them. */
const INTAKE_EVENTS_READ = new EventTypeRegistry(
  intakeEventTypes.filter((e) => e.type === 'ComplaintReceived' || e.type === 'RecordCorrected'),
);

/**
 * Classifies every complaint intake publishes as received (ComplaintReceived), then looks for the
 * collective incident it completes (on every delivery: both steps record at most once); classifies
 * it again when the complainant corrects its description or subject at read-back (RecordCorrected),
 * unless a person has reclassified it. Each reaction is a command on the bus.
 */
@Injectable()
export class ClassifyWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly collective: IncidentDetection,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: CLASSIFY_GROUP,
      topics: [INTAKE_TOPIC],
      events: INTAKE_EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one intake event, decoded and upcast (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (event.type === 'RecordCorrected') {
      await this.commands.execute(new ClassifyCorrectedComplaintCommand(event as Delivered<RecordCorrected>));
      return;
    }
    if (event.type !== 'ComplaintReceived') return;
    const received = event as Delivered<ComplaintReceived>;
    const { state } = await this.commands.execute(new ClassifyComplaintCommand(received));
    if (state.category !== undefined) await this.collective.classified(received, state.category);
  }
}
