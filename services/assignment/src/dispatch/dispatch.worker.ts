import { ASSIGNMENT_TOPIC, assignmentEventTypes } from '@kesu/assignment-contracts';
import { CLASSIFICATION_TOPIC, classificationEventTypes } from '@kesu/classification-contracts';
import { FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { INTAKE_TOPIC, intakeEventTypes } from '@kesu/intake-contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { AssignComplaintCommand } from './assign-complaint';
import { DispatchFromQueuesCommand } from './dispatch-from-queues';
import { EndAssignmentCommand } from './end-assignment';

/** The consumer group that dispatches complaints and ends their assignments. */
export const DISPATCH_GROUP = 'assignment.dispatch';

/** The consumer group that takes waiting complaints from the queues when someone may have room. */
export const QUEUE_DISPATCH_GROUP = 'assignment.queue-dispatch';

/**
 * What may give someone room for a waiting complaint: a person added or changed (capacity, skills,
 * languages, departments), back on duty, a department's head changed, a workload let go of one.
 */
const ROOM_MADE = [
  'PersonAdded',
  'PersonChanged',
  'PersonDutyChanged',
  'DepartmentChanged',
  'WorkloadReleased',
];
const ROOM_READS = new EventTypeRegistry(assignmentEventTypes.filter((e) => ROOM_MADE.includes(e.type)));

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
 * EndAssignment when it is withdrawn or closed. Every reaction records at most once per event. And
 * to the directory's and workloads' changes that may make room: DispatchFromQueues.
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
    this.consumers.register({
      group: QUEUE_DISPATCH_GROUP,
      topics: [ASSIGNMENT_TOPIC],
      events: ROOM_READS,
      handle: (event) => this.makeRoom(event),
    });
  }

  /** Takes waiting complaints from the tenant's queues after a change that may have made room. */
  async makeRoom(event: RecordedEvent): Promise<void> {
    if (!ROOM_MADE.includes(event.type)) return;
    if (event.type === 'PersonDutyChanged' && !(event.data as { onDuty: boolean }).onDuty) return;
    await this.commands.execute(new DispatchFromQueuesCommand(event));
  }

  /** Handles one decoded, upcast event (other types change nothing). */
  async apply(event: RecordedEvent): Promise<void> {
    if (DISPATCHING.includes(event.type)) await this.commands.execute(new AssignComplaintCommand(event));
    else if (event.type in ENDING)
      await this.commands.execute(new EndAssignmentCommand(event, ENDING[event.type as keyof typeof ENDING]));
  }
}
