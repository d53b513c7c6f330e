import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ASSIGNMENT_TOPIC, assignmentEventTypes } from '@kesu/assignment-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { SLA_TOPIC, slaEventTypes } from '@kesu/sla-contracts';
import { RecordStaffNoticeCommand } from './staff-notices';

/** The consumer group that tells staff what waits for them. */
export const STAFF_NOTICES_GROUP = 'follow-up.staff-notices';

const TYPES: readonly string[] = [
  'ComplaintAssigned',
  'DepartmentHeadAlerted',
  'EscalationNotificationRequested',
  'ProposalSubmitted',
  'SlaWarningRaised',
];

const EVENTS_READ = new EventTypeRegistry(
  [...assignmentEventTypes, ...slaEventTypes].filter((e) => TYPES.includes(e.type)),
);

/** Staff notices through the same outbox: a command on the bus for each event that calls for one. */
@Injectable()
export class StaffNoticesWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: STAFF_NOTICES_GROUP,
      topics: [ASSIGNMENT_TOPIC, SLA_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    await this.commands.execute(new RecordStaffNoticeCommand(event));
  }
}
