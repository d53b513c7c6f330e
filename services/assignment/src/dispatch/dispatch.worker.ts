import { CLASSIFICATION_TOPIC, classificationEventTypes } from '@kesu/classification-contracts';
import { FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { INTAKE_TOPIC, intakeEventTypes } from '@kesu/intake-contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { AssignComplaintCommand } from './assign-complaint';
import { EndAssignmentCommand } from './end-assignment';

/** The consumer group that dispatches complaints and ends their assignments. */
export const DISPATCH_GROUP = 'assignment.dispatch';

/** What makes a complaint ready for dispatch (or routes it again): intake's acceptance, classification's decisions. */
const DISPATCHING = ['ComplaintAccepted', 'AppealDecided', 'ComplaintClassified', 'ComplaintReclassified'];
/** What ends a complaint's assignment, and why. */
const ENDING = { ComplaintWithdrawn: 'withdrawn', ComplaintClosed: 'closed' } as const;

/** The events dispatch reads, as their producers' contracts publish them. */
const DISPATCH_READS = new EventTypeRegistry(
  [...intakeEventTypes, ...classificationEventTypes, ...followUpEventTypes].filter(
    (e) => DISPATCHING.includes(e.type) || e.type in ENDING,
  ),
);

/**
 * Reacts to intake's, classification's and follow-up's events about complaints, each reaction a
 * command on the bus: AssignComplaint when a complaint is accepted or classified (it dispatches the
 * complaint once both hold, and routes it again on a new classification while that may), and
 * EndAssignment when it is withdrawn or closed. Every reaction records at most once per event.
 */
@Injectable()
export class DispatchWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: DISPATCH_GROUP,
      topics: [INTAKE_TOPIC, CLASSIFICATION_TOPIC, FOLLOW_UP_TOPIC],
      events: DISPATCH_READS,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one decoded, upcast event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (DISPATCHING.includes(event.type)) await this.commands.execute(new AssignComplaintCommand(event));
    else if (event.type in ENDING)
      await this.commands.execute(new EndAssignmentCommand(event, ENDING[event.type as keyof typeof ENDING]));
  }
}
