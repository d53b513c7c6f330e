import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ComplaintReopened, FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { type Delivered, EventConsumers } from '@kesu/platform';
import { ReopenCaseCommand } from './reopen-case';

/** The consumer group that takes reopened complaints back to investigation. */
export const CASE_REOPEN_GROUP = 'assignment.case.reopen';

/** The follow-up events case work reads, as follow-up's contracts publish them. */
const FOLLOW_UP_EVENTS_READ = new EventTypeRegistry(
  followUpEventTypes.filter((e) => e.type === 'ComplaintReopened'),
);

/** Reacts to follow-up's ComplaintReopened with a command on the bus: the case is investigated again. */
@Injectable()
export class CaseWorker implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: CASE_REOPEN_GROUP,
      topics: [FOLLOW_UP_TOPIC],
      events: FOLLOW_UP_EVENTS_READ,
      handle: (event) => this.apply(event),
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ComplaintReopened') return;
    await this.commands.execute(new ReopenCaseCommand(event as Delivered<ComplaintReopened>));
  }
}
