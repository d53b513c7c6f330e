import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SLA_EVENT_TRIGGERS } from '@kesu/assignment-domain';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { SLA_TOPIC, slaEventTypes } from '@kesu/sla-contracts';
import { EscalateOnTriggersCommand } from './escalate-on-triggers';

/** The consumer group that escalates complaints on their time limits. */
export const SLA_ESCALATION_GROUP = 'assignment.escalation.sla';

/** The SLA events escalation reacts to, as the SLA service's contracts publish them. */
const EVENTS_READ = new EventTypeRegistry(slaEventTypes.filter((e) => e.type in SLA_EVENT_TRIGGERS));

/**
 * Escalates a complaint when the SLA service warns that a time limit is at risk (`sla_at_risk`) or
 * records its breach (`sla_breached`), as the tenant's escalation policy takes those triggers. Each
 * warning and breach is its own cause: it escalates once, however often it is delivered.
 */
@Injectable()
export class SlaEscalationWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: SLA_ESCALATION_GROUP,
      topics: [SLA_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one decoded SLA event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    const trigger = SLA_EVENT_TRIGGERS[event.type];
    if (!trigger) return;
    const { complaintId } = event.data as { complaintId: string };
    await this.commands.execute(new EscalateOnTriggersCommand(complaintId, [trigger], event));
  }
}
