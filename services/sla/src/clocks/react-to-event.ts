import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import type { CommandResult } from '@kesu/ports';
import type { SlaClockState } from '@kesu/sla-domain';
import { type ClockDrivingEvent, clockCommandFor } from './clock-reactions';
import { ClockRunner } from './clock-runner';

/** Another service's event about a complaint: what it means for the complaint's clocks. */
export class ReactToEventCommand extends Command<CommandResult<SlaClockState> | undefined> {
  constructor(readonly event: RecordedEvent) {
    super();
  }
}

/**
 * Starts a complaint's clocks on ComplaintReceived, and drives them on every other event that
 * bears on them (met milestones, pauses, classification, reopening, ending), caused by that event:
 * a redelivery records nothing more.
 */
@CommandHandler(ReactToEventCommand)
export class ReactToEventHandler implements ICommandHandler<ReactToEventCommand> {
  constructor(private readonly clocks: ClockRunner) {}

  async execute({ event }: ReactToEventCommand) {
    if (event.type === 'ComplaintReceived') return this.clocks.start(event);
    const driving = event as unknown as ClockDrivingEvent;
    const complaintId = (event.data as { complaintId: string }).complaintId;
    return this.clocks.run(complaintId, event, (context) => clockCommandFor(driving, context));
  }
}
