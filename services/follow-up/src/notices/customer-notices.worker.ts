import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { INTAKE_TOPIC, intakeEventTypes } from '@kesu/intake-contracts';
import { EventTypeRegistry, type EventContract, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { SLA_TOPIC, slaEventTypes } from '@kesu/sla-contracts';
import { RecordCustomerNoticeCommand } from './customer-notices';

/** The consumer group that tells complainants what happened to their complaint. */
export const CUSTOMER_NOTICES_GROUP = 'follow-up.customer-notices';

const only = (contracts: readonly EventContract[], types: readonly string[]) =>
  contracts.filter((e) => types.includes(e.type));

const EVENTS_READ = new EventTypeRegistry([
  ...only(intakeEventTypes, ['ComplaintAccepted', 'ComplaintRejected', 'AppealDecided']),
  ...only(slaEventTypes, ['SlaDeadlinesSet']),
  ...only(followUpEventTypes, ['ComplaintClosed']),
]);

/**
 * The acknowledgement, the rejection with its reasons, the extension notice and the closure
 * message: a command on the bus for each event that calls for one (`customerNoticeOf`).
 */
@Injectable()
export class CustomerNoticesWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: CUSTOMER_NOTICES_GROUP,
      topics: [INTAKE_TOPIC, SLA_TOPIC, FOLLOW_UP_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    await this.commands.execute(new RecordCustomerNoticeCommand(event));
  }
}
