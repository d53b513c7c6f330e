import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EscalationTrigger } from '@kesu/assignment-contracts';
import { triggersOfClassification } from '@kesu/assignment-domain';
import {
  CLASSIFICATION_TOPIC,
  type ComplaintClassified,
  type ComplaintReclassified,
  classificationEventTypes,
} from '@kesu/classification-contracts';
import { INTAKE_TOPIC, intakeEventTypes, type RepeatComplaintFlagged } from '@kesu/intake-contracts';
import { assertNever, EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers } from '@kesu/platform';
import { EscalateOnTriggersCommand } from './escalate-on-triggers';

/** The consumer group that escalates complaints on their own. */
export const ESCALATION_GROUP = 'assignment.escalation';

const READS = ['ComplaintClassified', 'ComplaintReclassified', 'RepeatComplaintFlagged'];

/** The events escalation reacts to, as classification's and intake's contracts publish them. */
const EVENTS_READ = new EventTypeRegistry(
  [...classificationEventTypes, ...intakeEventTypes].filter((e) => READS.includes(e.type)),
);

type Read = ComplaintClassified | ComplaintReclassified | RepeatComplaintFlagged;

/** The complaint an event is about, and the triggers it carries. */
export function triggersOf(event: Delivered<Read>): { complaintId: string; triggers: EscalationTrigger[] } {
  switch (event.type) {
    case 'ComplaintClassified':
      return { complaintId: event.data.complaintId, triggers: triggersOfClassification(event.data) };
    case 'ComplaintReclassified':
      return {
        complaintId: event.data.complaintId,
        triggers: triggersOfClassification({ severity: event.data.severity, scope: event.data.scope }),
      };
    case 'RepeatComplaintFlagged':
      return { complaintId: event.data.complaintId, triggers: ['repeat_complaint'] };
    default:
      return assertNever(event);
  }
}

/**
 * Escalates complaints on the triggers classification and intake record: a classification's
 * severity, scope and signals (and a person's correction of them), and a repeat complaint. Each is a
 * command on the bus, recorded at most once per event however often it is delivered. The SLA
 * service's warnings and breaches have their own consumer (`SlaEscalationWorker`).
 */
@Injectable()
export class EscalationWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register<Read>({
      group: ESCALATION_GROUP,
      topics: [CLASSIFICATION_TOPIC, INTAKE_TOPIC],
      events: EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  /** Handles one decoded, upcast event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (!READS.includes(event.type)) return;
    const { complaintId, triggers } = triggersOf(event as Delivered<Read>);
    await this.commands.execute(new EscalateOnTriggersCommand(complaintId, triggers, event));
  }
}
